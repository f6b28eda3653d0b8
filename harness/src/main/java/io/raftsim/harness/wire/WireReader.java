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
        long zigZag = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int b = readByte();
            if (shift == 63 && b > 1) {
                throw new IllegalArgumentException("varint overflows a long at byte " + (position - 1));
            }
            zigZag |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (zigZag >>> 1) ^ -(zigZag & 1);
            }
        }
        throw new IllegalArgumentException("varint longer than 10 bytes at byte " + position);
    }

    public int readInt() {
        long value = readLong();
        if (value != (int) value) {
            throw new IllegalArgumentException("not an int at byte " + position + ": " + value);
        }
        return (int) value;
    }

    public String readString() {
        long length = readLong();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > MAX_STRING_BYTES || position + length > bytes.length) {
            throw new IllegalArgumentException("bad string length at byte " + position + ": " + length);
        }
        String value = new String(bytes, position, (int) length, StandardCharsets.UTF_8);
        position += (int) length;
        return value;
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
