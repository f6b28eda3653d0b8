package io.raftsim.harness.spi;

import io.raftsim.sim.random.RandomStream;

/** Fixed-algorithm fingerprints, equal on every JDK: for digests and the checks' log hashes. */
public final class Fingerprints {
    private Fingerprints() {
    }

    /** Folds one more value into a running fingerprint. */
    public static long fold(long hash, long value) {
        return RandomStream.mix64(hash * 0x9E3779B97F4A7C15L + value);
    }

    public static long ofBytes(byte[] bytes) {
        long hash = bytes.length;
        int i = 0;
        for (; i + 8 <= bytes.length; i += 8) {
            long word = 0;
            for (int b = 0; b < 8; b++) {
                word = word << 8 | (bytes[i + b] & 0xFF);
            }
            hash = fold(hash, word);
        }
        for (; i < bytes.length; i++) {
            hash = fold(hash, bytes[i] & 0xFF);
        }
        return hash;
    }

    public static long ofText(String text) {
        long hash = text.length();
        for (int i = 0; i < text.length(); i++) {
            hash = fold(hash, text.charAt(i));
        }
        return hash;
    }
}
