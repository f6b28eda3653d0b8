package io.raftsim.harness.wire;

/**
 * The strings one reader decoded before, for fields that repeat (the keys of a key-value
 * store): a string whose bytes equal one the table holds is that string, not a new copy.
 * Direct-mapped and bounded: a slot holds the last string that hashed to it, so the table never
 * grows, never iterates, and a miss costs only the decoding it would have cost anyway.
 *
 * <p>One table belongs to one server: sharing one between servers would hand them the same
 * decoded objects, which the seam's rule (each receiver decodes its own copy) forbids.
 */
public final class StringTable {
    private final String[] slots;

    /** @param slotCount a power of two */
    public StringTable(int slotCount) {
        if (slotCount <= 0 || Integer.bitCount(slotCount) != 1) {
            throw new IllegalArgumentException("slot count must be a power of two: " + slotCount);
        }
        slots = new String[slotCount];
    }

    /** The held string whose ASCII bytes are {@code bytes[from, from + length)}, or null. */
    String find(byte[] bytes, int from, int length) {
        String held = slots[slot(bytes, from, length)];
        if (held == null || held.length() != length) {
            return null;
        }
        for (int i = 0; i < length; i++) {
            if (held.charAt(i) != bytes[from + i]) {
                return null;
            }
        }
        return held;
    }

    /** Holds {@code value}, decoded from the ASCII bytes {@code bytes[from, from + length)}, in their slot. */
    void hold(String value, byte[] bytes, int from, int length) {
        slots[slot(bytes, from, length)] = value;
    }

    private int slot(byte[] bytes, int from, int length) {
        int hash = length;
        for (int i = 0; i < length; i++) {
            hash = hash * 31 + bytes[from + i];
        }
        return (hash ^ (hash >>> 16)) & (slots.length - 1);
    }
}
