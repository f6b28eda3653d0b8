package io.raftsim.harness.kv;

import io.raftsim.sim.random.RandomStream;

/**
 * A fixed-formula 64-bit fingerprint of a command, over its fields without building a
 * string: it is taken for every client request and log entry, on the hot path.
 */
public final class KvFingerprint {
    private KvFingerprint() {
    }

    public static long of(KvCommand command) {
        if (command instanceof Put put) {
            return fold(fold(1, text(put.key())), text(put.value()));
        } else if (command instanceof Get get) {
            return fold(2, text(get.key()));
        } else if (command instanceof Append append) {
            return fold(fold(3, text(append.key())), text(append.value()));
        } else if (command instanceof Cas cas) {
            return fold(fold(fold(4, text(cas.key())), text(cas.expected())), text(cas.update()));
        }
        throw new IllegalArgumentException("unknown command " + command);
    }

    /** Hash of a string, with null distinct from every string. */
    public static long text(String value) {
        return value == null ? 0x6E756C6CL : RandomStream.stableHash(value);
    }

    private static long fold(long hash, long field) {
        return RandomStream.mix64(hash * 0x9E3779B97F4A7C15L + field);
    }
}
