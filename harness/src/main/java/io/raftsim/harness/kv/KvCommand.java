package io.raftsim.harness.kv;

/** A command of the replicated key-value store. Every command touches exactly one key. */
public sealed interface KvCommand permits Put, Get, Append, Cas {
    String key();

    /** A compact rendering, e.g. {@code put(k1,v3)}; fixed format, used in fingerprints. */
    String describe();
}
