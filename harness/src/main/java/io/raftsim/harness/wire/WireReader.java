package io.raftsim.harness.wire;

import java.nio.charset.StandardCharsets;

/** Reads what {@link WireWriter} wrote; malformed input is an IllegalArgumentException, never a silent default. */
public final class WireReader {
    /** No string on the wire is longer: a corrupted length must not allocate gigabytes. */
    private static final int MAX_STRING_BYTES = 1 << 20;

    private final byte[] bytes;
    private int position;

    public WireReader(byte[] bytes) {
        this.bytes = bytes;
    }

    public int readByte() {
        if (position >= bytes.length) {
            throw new IllegalArgumentException("message ends early, at byte " + position);
        }
        return bytes[position++] & 0xFF;
    }

    public boolean readBoolean() {
        int value = readByte();
        if (value > 1) {
            throw new IllegalArgumentException("not a boolean at byte " + (position - 1) + ": " + value);
        }
        return value == 1;
    }

    public long readLong() {
        int at = position;
        if (at < bytes.length && bytes[at] >= 0) { // one byte: terms, ids, flags, counts, most fields
            position = at + 1;
            int zigZag = bytes[at];
            return (zigZag >>> 1) ^ -(zigZag & 1);
        }
        if (at + 1 < bytes.length && bytes[at + 1] >= 0) { // two bytes: the indexes of all but long logs
            position = at + 2;
            int zigZag = (bytes[at] & 0x7F) | (bytes[at + 1] << 7);
            return (zigZag >>> 1) ^ -(zigZag & 1);
        }
        if (at + 2 < bytes.length && bytes[at + 2] >= 0) { // three: the indexes of a log of a million entries
            position = at + 3;
            int zigZag = (bytes[at] & 0x7F) | (bytes[at + 1] & 0x7F) << 7 | bytes[at + 2] << 14;
            return (zigZag >>> 1) ^ -(zigZag & 1);
        }
        long zigZag = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (at >= bytes.length) {
                throw new IllegalArgumentException("message ends early, at byte " + at);
            }
            int b = bytes[at++] & 0xFF;
            if (shift == 63 && b > 1) {
                throw new IllegalArgumentException("varint overflows a long at byte " + (at - 1));
            }
            zigZag |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                position = at;
                return (zigZag >>> 1) ^ -(zigZag & 1);
            }
        }
        throw new IllegalArgumentException("varint longer than 10 bytes at byte " + at);
    }

    /** A long {@link WireWriter#writeFixedLong} wrote: eight bytes. */
    public long readFixedLong() {
        if (position > bytes.length - Long.BYTES) {
            throw new IllegalArgumentException("message ends early, at byte " + position);
        }
        long value = (long) WireWriter.LONG_BYTES.get(bytes, position);
        position += Long.BYTES;
        return value;
    }

    public int readInt() {
        long value = readLong();
        if (value != (int) value) {
            throw new IllegalArgumentException("not an int at byte " + position + ": " + value);
        }
        return (int) value;
    }

    public String readString() {
        long length = readStringLength();
        if (length == -1) {
            return null;
        }
        boolean ascii = true;
        for (int i = position; i < position + length && ascii; i++) {
            ascii = bytes[i] >= 0;
        }
        // ASCII decodes the same as Latin-1, which the JDK copies straight into a compact string.
        String value = new String(bytes, position, (int) length, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        position += (int) length;
        return value;
    }

    /**
     * Reads a string as {@link #readString()} does, but returns the equal one {@code table} holds
     * if it holds one (ASCII strings only), and holds a new one there otherwise: for fields that
     * repeat, such as keys, whose every decoded copy would otherwise be garbage at once.
     */
    public String readString(StringTable table) {
        int lengthAt = position;
        long length = readStringLength();
        if (length == -1) {
            return null;
        }
        int from = position;
        for (int i = from; i < from + length; i++) {
            if (bytes[i] < 0) { // not ASCII: characters and bytes differ, so no table comparison
                position = lengthAt;
                return readString();
            }
        }
        String held = table.find(bytes, from, (int) length);
        if (held == null) {
            held = new String(bytes, from, (int) length, StandardCharsets.ISO_8859_1);
            table.hold(held, bytes, from, (int) length);
        }
        position = from + (int) length;
        return held;
    }

    /** Passes over a string with the checks {@link #readString} makes, decoding nothing. */
    public void skipString() {
        long length = readStringLength();
        if (length > 0) {
            position += (int) length;
        }
    }

    /** A string's length in bytes, checked against the bound and the bytes left; -1 for null. */
    private long readStringLength() {
        long length = readLong();
        if (length != -1 && (length < 0 || length > MAX_STRING_BYTES || position + length > bytes.length)) {
            throw new IllegalArgumentException("bad string length at byte " + position + ": " + length);
        }
        return length;
    }

    /** How many bytes were read so far: where the next read starts. */
    public int position() {
        return position;
    }

    /** A copy of the bytes read from {@code start} (an earlier {@link #position()}) up to here. */
    public byte[] copyReadSince(int start) {
        if (start < 0 || start > position) {
            throw new IllegalArgumentException("start " + start + " is not a position already read (at " + position + ")");
        }
        return java.util.Arrays.copyOfRange(bytes, start, position);
    }

    public byte[] readBytes(int length) {
        if (length < 0 || position + length > bytes.length) {
            throw new IllegalArgumentException("bad byte count at byte " + position + ": " + length);
        }
        byte[] raw = java.util.Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return raw;
    }

    /** Fails unless every byte was read: trailing bytes mean the two sides disagree on the format. */
    public void end() {
        if (position != bytes.length) {
            throw new IllegalArgumentException((bytes.length - position) + " bytes left over after the message");
        }
    }
}
