package io.raftsim.harness.wire;

import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What {@link WireWriter} writes {@link WireReader} reads back; malformed input fails loudly, never with a default. */
class WireTest {
    private static void assertMalformed(byte[] bytes, Consumer<WireReader> read) {
        assertThrows(IllegalArgumentException.class, () -> {
            WireReader in = new WireReader(bytes);
            read.accept(in);
            in.end();
        });
    }

    private static byte[] bytes(int... values) {
        byte[] raw = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            raw[i] = (byte) values[i];
        }
        return raw;
    }

    @Test
    void everyKindOfFieldRoundTrips() {
        long[] longs = {0, 1, -1, 63, -64, 64, 127, 128, 300, -300, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE};
        WireWriter out = new WireWriter();
        for (long value : longs) {
            out.writeLong(value);
        }
        out.writeInt(-7).writeInt(Integer.MAX_VALUE).writeBoolean(true).writeBoolean(false).writeByte(0xFE)
                .writeString(null).writeString("").writeString("key-\u00e9\u4e2d\ud83d\ude00").writeBytes(bytes(1, 2, 3));
        WireReader in = new WireReader(out.toBytes());
        for (long value : longs) {
            assertEquals(value, in.readLong());
        }
        assertEquals(-7, in.readInt());
        assertEquals(Integer.MAX_VALUE, in.readInt());
        assertEquals(true, in.readBoolean());
        assertEquals(false, in.readBoolean());
        assertEquals(0xFE, in.readByte());
        assertNull(in.readString());
        assertEquals("", in.readString());
        assertEquals("key-\u00e9\u4e2d\ud83d\ude00", in.readString());
        assertArrayEquals(bytes(1, 2, 3), in.readBytes(3));
        in.end();
    }

    @Test
    void smallNumbersTakeOneByte() {
        assertEquals(1, new WireWriter().writeLong(-64).toBytes().length);
        assertEquals(1, new WireWriter().writeLong(63).toBytes().length);
        assertEquals(2, new WireWriter().writeLong(64).toBytes().length);
        assertEquals(10, new WireWriter().writeLong(Long.MIN_VALUE).toBytes().length);
    }

    @Test
    void aLongWriteGrowsTheBuffer() {
        WireWriter out = new WireWriter();
        String big = "x".repeat(10_000);
        out.writeString(big).writeString(big);
        WireReader in = new WireReader(out.toBytes());
        assertEquals(big, in.readString());
        assertEquals(big, in.readString());
        in.end();
    }

    @Test
    void malformedInputIsAnIllegalArgumentException() {
        assertMalformed(bytes(), WireReader::readByte);
        assertMalformed(bytes(), WireReader::readLong);
        assertMalformed(bytes(0x80), WireReader::readLong); // a varint cut short
        assertMalformed(bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01), WireReader::readLong); // 11 bytes
        assertMalformed(bytes(2), WireReader::readBoolean);
        assertMalformed(new WireWriter().writeLong(1L << 40).toBytes(), WireReader::readInt);
        assertMalformed(new WireWriter().writeLong(-2).toBytes(), WireReader::readString);
        assertMalformed(new WireWriter().writeLong(5).writeByte('a').toBytes(), WireReader::readString); // length past the end
        assertMalformed(new WireWriter().writeLong(1L << 40).toBytes(), WireReader::readString); // a corrupted, huge length
        assertMalformed(bytes(1), in -> in.readBytes(2));
        assertMalformed(bytes(1), in -> in.readBytes(-1));
        assertMalformed(bytes(1, 2), WireReader::readByte); // a byte left over
    }

    @Test
    void aTenthVarintByteThatOverflowsALongIsMalformed() {
        // Nine full groups carry 63 bits; the tenth byte may only add the 64th.
        byte[] fits = bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01);
        WireReader in = new WireReader(fits);
        assertEquals(Long.MIN_VALUE, in.readLong());
        in.end();
        assertMalformed(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F), WireReader::readLong);
    }

    @Test
    void everyVarintLengthRoundTripsAtItsEdges() {
        // Each length from one byte to ten, at both ends of its range and on both signs: the
        // one- and two-byte cases are read by their own paths, the rest by the loop.
        WireWriter out = new WireWriter();
        java.util.List<Long> values = new java.util.ArrayList<>();
        for (int bits = 6; bits < 63; bits += 7) {
            long edge = 1L << bits;
            for (long value : new long[] {edge - 1, edge, -edge, -edge - 1}) {
                values.add(value);
                out.writeLong(value);
            }
        }
        WireReader in = new WireReader(out.toBytes());
        for (long value : values) {
            assertEquals(value, in.readLong());
        }
        in.end();
        assertEquals(2, new WireWriter().writeLong(8191).toBytes().length);
        assertEquals(3, new WireWriter().writeLong(8192).toBytes().length);
        assertMalformed(bytes(0x80, 0x80), WireReader::readLong); // two bytes, both saying more follow
        assertMalformed(bytes(0x81), WireReader::readLong); // the second byte missing
    }

    @Test
    void aFixedLongTakesEightBytesWhateverItsValue() {
        long[] values = {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x0123_4567_89AB_CDEFL};
        WireWriter out = new WireWriter();
        for (long value : values) {
            out.writeFixedLong(value);
        }
        byte[] written = out.toBytes();
        assertEquals(8 * values.length, written.length);
        WireReader in = new WireReader(written);
        for (long value : values) {
            assertEquals(value, in.readFixedLong());
        }
        in.end();
        assertMalformed(bytes(1, 2, 3, 4, 5, 6, 7), WireReader::readFixedLong);
    }
}
