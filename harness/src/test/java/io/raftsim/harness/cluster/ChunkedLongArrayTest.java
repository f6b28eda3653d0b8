package io.raftsim.harness.cluster;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("A long array grown by chunks")
class ChunkedLongArrayTest {
    @Test
    @DisplayName("Values set anywhere, across the small first chunk and whole chunks, read back; the rest read as the fill")
    void valuesReadBackAcrossChunks() {
        ChunkedLongArray array = new ChunkedLongArray(-1);
        assertEquals(-1, array.get(0));
        long[] positions = {0, 1023, 1024, 65_535, 65_536, 65_537, 300_000, 131_071};
        for (long position : positions) {
            array.set(position, position * 7 + 3);
        }
        assertTrue(array.capacity() > 300_000);
        for (long position : positions) {
            assertEquals(position * 7 + 3, array.get(position), "position " + position);
        }
        assertEquals(-1, array.get(2), "never set, in the first chunk grown by copying");
        assertEquals(-1, array.get(65_538), "never set, in a whole chunk");
        assertEquals(-1, array.get(array.capacity() - 1));
    }

    @Test
    @DisplayName("Growing keeps every value: the first chunk doubles, then chunks are added")
    void growingKeepsValues() {
        ChunkedLongArray array = new ChunkedLongArray(0);
        for (long position = 0; position < 200_000; position++) {
            array.set(position, position ^ 0x5A5A);
        }
        for (long position = 0; position < 200_000; position++) {
            assertEquals(position ^ 0x5A5A, array.get(position));
        }
        assertEquals(4L * 65_536, array.capacity());
    }
}
