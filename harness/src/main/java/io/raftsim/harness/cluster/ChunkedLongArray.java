package io.raftsim.harness.cluster;

import java.util.Arrays;

/**
 * A long array that grows in chunks of {@value #CHUNK_LONGS} longs instead of by copying
 * itself into one twice its size: the checks keep a few of these per cluster, indexed by log
 * index, and on a million-entry log a doubling array held up to half its length unused and,
 * while it grew, a copy of all of it beside a new one twice as large (the collector's largest
 * allocations of a long run). The first chunk starts small and doubles up to a whole chunk, so
 * a short run pays for little. Positions below {@link #capacity()} read as the fill value until set.
 */
public final class ChunkedLongArray {
    private static final int CHUNK_SHIFT = 16;
    private static final int CHUNK_LONGS = 1 << CHUNK_SHIFT;
    private static final int CHUNK_MASK = CHUNK_LONGS - 1;
    private static final int FIRST_LONGS = 1024;

    private final long fill;
    private long[][] chunks;
    private int chunkCount;

    /** An array whose every position reads as {@code fill} until set. */
    public ChunkedLongArray(long fill) {
        this.fill = fill;
        this.chunks = new long[4][];
        this.chunks[0] = filled(FIRST_LONGS);
        this.chunkCount = 1;
    }

    /** The number of positions that may be read now. */
    public long capacity() {
        return chunkCount == 1 ? chunks[0].length : (long) chunkCount << CHUNK_SHIFT;
    }

    /** The value at {@code position}, below {@link #capacity()}. */
    public long get(long position) {
        return chunks[(int) (position >>> CHUNK_SHIFT)][(int) (position & CHUNK_MASK)];
    }

    /** Sets {@code position}, growing the array to hold it. */
    public void set(long position, long value) {
        ensureCapacity(position + 1);
        chunks[(int) (position >>> CHUNK_SHIFT)][(int) (position & CHUNK_MASK)] = value;
    }

    /** Makes positions 0..positions - 1 readable. */
    public void ensureCapacity(long positions) {
        while (capacity() < positions) {
            if (chunks[0].length < CHUNK_LONGS) {
                int old = chunks[0].length;
                chunks[0] = Arrays.copyOf(chunks[0], Math.min(CHUNK_LONGS, old * 2));
                if (fill != 0) {
                    Arrays.fill(chunks[0], old, chunks[0].length, fill);
                }
            } else {
                if (chunkCount == chunks.length) {
                    chunks = Arrays.copyOf(chunks, chunks.length * 2);
                }
                chunks[chunkCount++] = filled(CHUNK_LONGS);
            }
        }
    }

    private long[] filled(int length) {
        long[] chunk = new long[length];
        if (fill != 0) {
            Arrays.fill(chunk, fill);
        }
        return chunk;
    }
}
