package io.raftsim.sim.trace;

import io.raftsim.sim.random.RandomStream;

/**
 * A running 64-bit digest of the canonical trace: every record folds its fields in, in
 * order, so two runs with equal digests took the same steps with the same messages at the
 * same virtual times. It is computed from primitives only (no {@code hashCode} of
 * JDK objects whose algorithm the JDK does not specify), so it is equal across JDKs.
 */
public final class TraceDigest {
    private long value = 0x6A09E667F3BCC908L;

    public void update(long field) {
        value = Long.rotateLeft(value ^ RandomStream.mix64(field + 0x9E3779B97F4A7C15L), 29) * 0xFF51AFD7ED558CCDL;
    }

    public long value() {
        return value;
    }

    public static String hex(long digest) {
        String hex = Long.toHexString(digest);
        return "0".repeat(16 - hex.length()) + hex;
    }
}
