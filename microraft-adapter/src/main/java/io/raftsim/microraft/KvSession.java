package io.raftsim.microraft;

import io.raftsim.harness.kv.KvResult;

/** The last command a client had applied and its result, to answer a retry without applying it twice. */
public record KvSession(long lastSequence, KvResult lastResult) {
}
