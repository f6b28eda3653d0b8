package io.raftsim.harness.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a message's fields as bytes: longs as zig-zag varints (small numbers, the common
 * case, take one byte) or, for hashes, in a fixed eight bytes ({@link #writeFixedLong}),
 * strings as UTF-8 with their length, null distinct from "".
 * For implementations' {@link io.raftsim.harness.spi.WireCodec}s; read back by {@link WireReader}.
 */
public final class WireWriter {
    /** Eight bytes at once, little-endian on every machine, as {@link WireReader#readFixedLong} reads them. */
    static final VarHandle LONG_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private byte[] bytes = new byte[64];
    private int size;

    public WireWriter writeByte(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
        return this;
    }

    public WireWriter writeBoolean(boolean value) {
        return writeByte(value ? 1 : 0);
    }

    public WireWriter writeLong(long value) {
        long zigZag = (value << 1) ^ (value >> 63);
        ensure(10);
        if ((zigZag & ~0x7FL) == 0) { // one byte: terms, ids, flags, counts, most fields
            bytes[size++] = (byte) zigZag;
            return this;
        }
        while ((zigZag & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((zigZag & 0x7F) | 0x80);
            zigZag >>>= 7;
        }
        bytes[size++] = (byte) zigZag;
        return this;
    }

    /**
     * A long in exactly eight bytes: for hashes and fingerprints, which are spread over all 64
     * bits, so a varint would take ten bytes and a loop to write and to read.
     */
    public WireWriter writeFixedLong(long value) {
        ensure(Long.BYTES);
        LONG_BYTES.set(bytes, size, value);
        size += Long.BYTES;
        return this;
    }

    public WireWriter writeInt(int value) {
        return writeLong(value);
    }

    public WireWriter writeString(String value) {
        if (value == null) {
            return writeLong(-1);
        }
        int length = value.length();
        boolean ascii = true;
        for (int i = 0; i < length && ascii; i++) {
            ascii = value.charAt(i) < 0x80;
        }
        if (!ascii) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            writeLong(utf8.length);
            return writeBytes(utf8);
        }
        // ASCII (every key and value the simulated clients write) is its own UTF-8: no copy.
        writeLong(length);
        ensure(length);
        for (int i = 0; i < length; i++) {
            bytes[size++] = (byte) value.charAt(i);
        }
        return this;
    }

    public WireWriter writeBytes(byte[] raw) {
        return writeBytes(raw, 0, raw.length);
    }

    /** Bytes {@code from .. from + length - 1} of {@code raw}. */
    public WireWriter writeBytes(byte[] raw, int from, int length) {
        ensure(length);
        System.arraycopy(raw, from, bytes, size, length);
        size += length;
        return this;
    }

    /** Empties the writer for the next message, keeping its buffer. */
    public WireWriter reset() {
        size = 0;
        return this;
    }

    public byte[] toBytes() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
