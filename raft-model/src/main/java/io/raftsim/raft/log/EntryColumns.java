package io.raftsim.raft.log;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.RandomAccess;
import java.util.TreeMap;

/**
 * A run of log entries with consecutive indexes, held as columns of primitives in chunks
 * instead of three objects per entry (entry, command, command bytes): terms, kinds, client ids,
 * sequences and fingerprints in arrays, each command's wire bytes in its chunk's byte arena,
 * and the rare configuration entries as objects in a small map by index. A {@link LogEntry} is
 * made only when one is read ({@link #entry}); terms and fingerprints, which the node and the
 * checks read after every step, are read straight from the columns.
 *
 * <p>Why: every server decodes its own copy of every entry it receives (issue 13), and the
 * bench's logs grow to millions of entries, so a log of objects made the collector copy and mark
 * tens of millions of them; a chunk is a handful of arrays whatever it holds. Chunks are
 * {@value #CHUNK_ENTRIES} entries, so a log grows without copying what it holds, and only the
 * last chunk has room to spare (the first starts small, for the many short runs).
 *
 * <p>Indexes run from {@link #firstIndex()} to {@link #lastIndex()}; empty, the next append
 * fixes the first index. Entries leave from the end ({@link #truncateFrom}) or, whole chunks at
 * a time, from the front ({@link #dropThrough}).
 */
final class EntryColumns {
    static final int CHUNK_SHIFT = 12;
    static final int CHUNK_ENTRIES = 1 << CHUNK_SHIFT;
    private static final int CHUNK_MASK = CHUNK_ENTRIES - 1;
    private static final int FIRST_CHUNK_ENTRIES = 16;
    private static final byte NOOP = 0;
    private static final byte CLIENT = 1;
    private static final byte CONFIG = 2;

    /** Chunk k holds the entries at positions k * CHUNK_ENTRIES .. (k + 1) * CHUNK_ENTRIES - 1 after {@link #origin}. */
    private final ArrayList<Chunk> chunks = new ArrayList<>();
    /** The index of position 0 of the first chunk; at or below firstIndex. */
    private long origin = 1;
    private long firstIndex = 1;
    private long lastIndex;
    /** The configuration of each configuration entry held, by index. */
    private final TreeMap<Long, Configuration> configurations = new TreeMap<>();

    /**
     * One chunk's columns; entries 0..count-1 are in use. The columns an append writes together
     * are interleaved (term, sequence and fingerprint in one array; client id and end of the
     * command's bytes in another), so an append touches four arrays, not seven.
     */
    private static final class Chunk {
        static final int LONGS = 3;
        static final int TERM = 0;
        static final int SEQUENCE = 1;
        static final int FINGERPRINT = 2;
        static final int INTS = 2;
        static final int CLIENT_ID = 0;
        /** End of entry i's command bytes in {@link #payload}; entry i starts where entry i - 1 ends. */
        static final int PAYLOAD_END = 1;

        /** The columns that may write into this chunk in place; any other holder copies it first. */
        final EntryColumns owner;
        long[] longs;
        int[] ints;
        byte[] kinds;
        byte[] payload;
        /** How many entries the owner holds here; other holders know theirs from their own last index. */
        int count;
        /**
         * Positions below this are shared with another holder ({@link #shareFrom}) and never written
         * again: the owner copies the chunk before it overwrites one (after a truncation).
         */
        int frozen;

        Chunk(EntryColumns owner, int capacity) {
            this.owner = owner;
            longs = new long[capacity * LONGS];
            ints = new int[capacity * INTS];
            kinds = new byte[capacity];
            payload = new byte[capacity * 16];
        }

        /** A chunk of {@code owner}'s own holding this chunk's first {@code entries} entries. */
        Chunk copyFor(EntryColumns owner, int entries) {
            Chunk copy = new Chunk(owner, capacity());
            int payloadBytes = payloadStart(entries);
            if (payloadBytes > copy.payload.length) {
                copy.payload = new byte[payloadBytes * 2];
            }
            System.arraycopy(longs, 0, copy.longs, 0, entries * LONGS);
            System.arraycopy(ints, 0, copy.ints, 0, entries * INTS);
            System.arraycopy(kinds, 0, copy.kinds, 0, entries);
            System.arraycopy(payload, 0, copy.payload, 0, payloadBytes);
            copy.count = entries;
            return copy;
        }

        int capacity() {
            return kinds.length;
        }

        void grow() {
            int capacity = Math.min(CHUNK_ENTRIES, capacity() * 2);
            longs = Arrays.copyOf(longs, capacity * LONGS);
            ints = Arrays.copyOf(ints, capacity * INTS);
            kinds = Arrays.copyOf(kinds, capacity);
        }

        long term(int offset) {
            return longs[offset * LONGS + TERM];
        }

        long sequence(int offset) {
            return longs[offset * LONGS + SEQUENCE];
        }

        long fingerprint(int offset) {
            return longs[offset * LONGS + FINGERPRINT];
        }

        int clientId(int offset) {
            return ints[offset * INTS + CLIENT_ID];
        }

        int payloadEnd(int offset) {
            return ints[offset * INTS + PAYLOAD_END];
        }

        int payloadStart(int offset) {
            return offset == 0 ? 0 : payloadEnd(offset - 1);
        }

        /** Appends one entry's columns; {@code bytes} (may be null) are copied into the arena. */
        void add(long term, byte kind, int clientId, long sequence, long fingerprint, byte[] bytes, int from, int length) {
            if (count == capacity()) {
                grow();
            }
            int start = payloadStart(count);
            if (start + length > payload.length) {
                payload = Arrays.copyOf(payload, Math.max(start + length, payload.length * 2));
            }
            if (length > 0) {
                System.arraycopy(bytes, from, payload, start, length);
            }
            int longAt = count * LONGS;
            longs[longAt + TERM] = term;
            longs[longAt + SEQUENCE] = sequence;
            longs[longAt + FINGERPRINT] = fingerprint;
            int intAt = count * INTS;
            ints[intAt + CLIENT_ID] = clientId;
            ints[intAt + PAYLOAD_END] = start + length;
            kinds[count] = kind;
            count++;
        }
    }

    long firstIndex() {
        return firstIndex;
    }

    long lastIndex() {
        return lastIndex;
    }

    int size() {
        return (int) (lastIndex - firstIndex + 1);
    }

    boolean isEmpty() {
        return lastIndex < firstIndex;
    }

    /** Removes every entry; the next append fixes the first index. */
    void clear() {
        chunks.clear();
        configurations.clear();
        origin = 1;
        firstIndex = 1;
        lastIndex = 0;
    }

    /** Removes every entry and fixes the first index of the next append as {@code nextIndex}. */
    void clear(long nextIndex) {
        clear();
        origin = nextIndex;
        firstIndex = nextIndex;
        lastIndex = nextIndex - 1;
    }

    /** Appends {@code entry}, whose index must be {@link #lastIndex()} + 1 (any index when empty). */
    void append(LogEntry entry) {
        startAppend(entry.index());
        Command command = entry.command();
        if (command instanceof Command.ClientCommand client) {
            byte[] bytes = client.encodedCommand();
            add(entry.term(), CLIENT, client.clientId(), client.sequence(), client.fingerprint(), bytes, 0, bytes.length);
        } else if (command instanceof Command.ConfigChange change) {
            configurations.put(entry.index(), change.configuration());
            add(entry.term(), CONFIG, 0, 0, change.fingerprint(), null, 0, 0);
        } else {
            add(entry.term(), NOOP, 0, 0, command.fingerprint(), null, 0, 0);
        }
    }

    /** Appends entries {@code fromIndex..toIndex} of {@code source}, column by column, making no entry objects. */
    void appendAll(EntryColumns source, long fromIndex, long toIndex) {
        for (long index = fromIndex; index <= toIndex; index++) {
            source.checkHolds(index);
            startAppend(index);
            Chunk chunk = source.chunk(index);
            int offset = source.offset(index);
            byte kind = chunk.kinds[offset];
            if (kind == CONFIG) {
                configurations.put(index, source.configurations.get(index));
            }
            int start = chunk.payloadStart(offset);
            add(chunk.term(offset), kind, chunk.clientId(offset), chunk.sequence(offset), chunk.fingerprint(offset),
                    chunk.payload, start, chunk.payloadEnd(offset) - start);
        }
    }

    /**
     * Appends entries {@code fromIndex..toIndex} of {@code source} by holding the same chunks rather
     * than copies, where both hold entries at the same positions of their chunks; copies them
     * ({@link #appendAll}) where not. The positions shared are frozen: neither side writes them again
     * (each copies a chunk before it would), so both read what they appended, and a chunk costs the
     * memory of one whoever holds it. For a server's durable log, which holds what the log in memory
     * holds after every step (etcd's {@code Ready.Entries} likewise share the unstable log's array).
     *
     * <p>Requires that entries from the first of {@code fromIndex}'s chunk up to {@code fromIndex}
     * are the same in both (this holds them as {@code source} does): the chunk that replaces ours
     * holds {@code source}'s.
     */
    void shareFrom(EntryColumns source, long fromIndex, long toIndex) {
        if (fromIndex > toIndex) {
            return;
        }
        source.checkHolds(fromIndex);
        source.checkHolds(toIndex);
        if (isEmpty()) {
            // Line up our chunks with the source's, so they can be the same chunks.
            clear(fromIndex);
            origin = fromIndex - ((fromIndex - source.origin) & CHUNK_MASK); // at or above source.origin: no lower than 1
        } else if (fromIndex != lastIndex + 1) {
            throw new IllegalStateException("append of index " + fromIndex + " onto last index " + lastIndex);
        }
        if (((origin - source.origin) & CHUNK_MASK) != 0) {
            appendAll(source, fromIndex, toIndex);
            return;
        }
        long index = fromIndex;
        while (index <= toIndex) {
            int sourceChunk = (int) ((index - source.origin) >>> CHUNK_SHIFT);
            long chunkLastIndex = source.origin + ((long) (sourceChunk + 1) << CHUNK_SHIFT) - 1;
            long last = Math.min(toIndex, chunkLastIndex);
            Chunk shared = source.chunks.get(sourceChunk);
            shared.frozen = Math.max(shared.frozen, (int) ((last - source.origin) & CHUNK_MASK) + 1);
            int ownChunk = (int) ((index - origin) >>> CHUNK_SHIFT);
            if (ownChunk == chunks.size()) {
                chunks.add(shared);
            } else {
                chunks.set(ownChunk, shared);
            }
            index = last + 1;
        }
        if (!source.configurations.isEmpty()) {
            configurations.putAll(source.configurations.subMap(fromIndex, true, toIndex, true));
        }
        lastIndex = toIndex;
    }

    private void startAppend(long index) {
        if (isEmpty()) {
            if (chunks.isEmpty() || origin != index) {
                clear(index);
            }
        } else if (index != lastIndex + 1) {
            throw new IllegalStateException("append of index " + index + " onto last index " + lastIndex);
        }
    }

    private void add(long term, byte kind, int clientId, long sequence, long fingerprint, byte[] bytes, int from, int length) {
        long position = lastIndex + 1 - origin;
        int chunkNumber = (int) (position >>> CHUNK_SHIFT);
        Chunk chunk;
        if (chunkNumber == chunks.size()) {
            chunk = new Chunk(this, chunks.isEmpty() ? FIRST_CHUNK_ENTRIES : CHUNK_ENTRIES);
            chunks.add(chunk);
        } else {
            chunk = chunks.get(chunkNumber);
            int offset = (int) (position & CHUNK_MASK);
            if (chunk.owner != this || offset < chunk.frozen) {
                // Shared: another holder reads these positions, so write into a copy of our own.
                chunk = chunk.copyFor(this, offset);
                chunks.set(chunkNumber, chunk);
            }
        }
        chunk.add(term, kind, clientId, sequence, fingerprint, bytes, from, length);
        lastIndex++;
    }

    /** Removes the entries at {@code fromIndex} and after ({@code fromIndex} in firstIndex..lastIndex + 1). */
    void truncateFrom(long fromIndex) {
        if (fromIndex < firstIndex || fromIndex > lastIndex + 1) {
            throw new IndexOutOfBoundsException("truncate from " + fromIndex + " of entries " + firstIndex + ".." + lastIndex);
        }
        if (fromIndex == lastIndex + 1) {
            return;
        }
        long position = fromIndex - origin;
        int chunkNumber = (int) (position >>> CHUNK_SHIFT);
        int offset = (int) (position & CHUNK_MASK);
        chunks.subList(chunkNumber + 1, chunks.size()).clear();
        Chunk chunk = chunks.get(chunkNumber);
        if (chunk.owner == this) {
            chunk.count = offset; // the entries past it stay as they are until an append copies a frozen chunk
        }
        if (!configurations.isEmpty()) {
            configurations.tailMap(fromIndex, true).clear();
        }
        lastIndex = fromIndex - 1;
    }

    /** Removes the entries through {@code index} (in firstIndex - 1..lastIndex): the chunks they filled go. */
    void dropThrough(long index) {
        if (index < firstIndex - 1 || index > lastIndex) {
            throw new IndexOutOfBoundsException("drop through " + index + " of entries " + firstIndex + ".." + lastIndex);
        }
        if (index == lastIndex) {
            clear(index + 1);
            return;
        }
        int wholeChunks = (int) ((index + 1 - origin) >>> CHUNK_SHIFT);
        if (wholeChunks > 0) {
            chunks.subList(0, wholeChunks).clear();
            origin += (long) wholeChunks << CHUNK_SHIFT;
        }
        if (!configurations.isEmpty()) {
            configurations.headMap(index, true).clear();
        }
        firstIndex = index + 1;
    }

    long term(long index) {
        checkHolds(index);
        return chunk(index).term(offset(index));
    }

    long fingerprint(long index) {
        checkHolds(index);
        return chunk(index).fingerprint(offset(index));
    }

    /** Whether the entry at {@code index} is client {@code clientId}'s command {@code sequence}. */
    boolean holdsClientCommand(long index, int clientId, long sequence) {
        checkHolds(index);
        Chunk chunk = chunk(index);
        int offset = offset(index);
        return chunk.kinds[offset] == CLIENT && chunk.clientId(offset) == clientId && chunk.sequence(offset) == sequence;
    }

    /** The configuration of the latest configuration entry at or before {@code index}, or null when none is held. */
    Configuration configurationAtOrBefore(long index) {
        var found = configurations.floorEntry(index);
        return found == null ? null : found.getValue();
    }

    /** A new entry object for the entry at {@code index}, with its own copy of the command's bytes. */
    LogEntry entry(long index) {
        checkHolds(index);
        Chunk chunk = chunk(index);
        int offset = offset(index);
        long term = chunk.term(offset);
        return switch (chunk.kinds[offset]) {
            case CLIENT -> {
                int start = chunk.payloadStart(offset);
                byte[] bytes = Arrays.copyOfRange(chunk.payload, start, chunk.payloadEnd(offset));
                yield new LogEntry(term, index, Command.ClientCommand.ofEncoded(chunk.clientId(offset), chunk.sequence(offset), bytes,
                        chunk.fingerprint(offset)));
            }
            case CONFIG -> new LogEntry(term, index, new Command.ConfigChange(configurations.get(index)));
            default -> new LogEntry(term, index, Command.Noop.INSTANCE);
        };
    }

    /** A read-only list of the entries held now, made as each is read; {@link #appendAll} copies it column by column. */
    View view() {
        return new View(this);
    }

    /** See {@link #view()}: valid until the columns change. */
    static final class View extends AbstractList<LogEntry> implements RandomAccess {
        final EntryColumns columns;

        private View(EntryColumns columns) {
            this.columns = columns;
        }

        @Override
        public LogEntry get(int position) {
            if (position < 0 || position >= size()) {
                throw new IndexOutOfBoundsException("position " + position + " of " + size() + " entries");
            }
            return columns.entry(columns.firstIndex + position);
        }

        @Override
        public int size() {
            return columns.size();
        }
    }

    /** Whether this and {@code other} hold the entry at {@code index} in the same chunk (shared, not copied). */
    boolean sharesChunkWith(EntryColumns other, long index) {
        checkHolds(index);
        other.checkHolds(index);
        return chunk(index) == other.chunk(index);
    }

    private void checkHolds(long index) {
        if (index < firstIndex || index > lastIndex) {
            throw new IndexOutOfBoundsException("index " + index + " outside entries " + firstIndex + ".." + lastIndex);
        }
    }

    private Chunk chunk(long index) {
        return chunks.get((int) ((index - origin) >>> CHUNK_SHIFT));
    }

    private int offset(long index) {
        return (int) ((index - origin) & CHUNK_MASK);
    }
}
