package io.raftsim.sim.storage;

import java.util.TreeMap;
import java.util.function.Function;

/**
 * One process's durable state: named cells of immutable values and named logs. It
 * outlives the process object, so a restarted process reads what its previous incarnation
 * wrote; everything a process keeps elsewhere is lost by a crash.
 *
 * <p>A write becomes durable at the next {@link #sync()} (or at once, under
 * {@link SyncMode#EVERY_WRITE_DURABLE}). Reads always see the latest writes, synced or
 * not, as reads through an OS page cache do.
 */
public final class DurableStorage {
    private static final Object ABSENT = new Object();

    private final SyncMode mode;
    private final TreeMap<String, Object> cells = new TreeMap<>();
    private final TreeMap<String, DurableLog<?>> logs = new TreeMap<>();
    private final TreeMap<String, DurableStructure> structures = new TreeMap<>();
    /** Cell values as of the last sync, for cells written since; ABSENT where there was none. */
    private final TreeMap<String, Object> syncedCells = new TreeMap<>();
    private long writeCount;
    private long syncCount;

    public DurableStorage(SyncMode mode) {
        this.mode = mode;
    }

    public SyncMode mode() {
        return mode;
    }

    @SuppressWarnings("unchecked")
    public <V> V get(String key) {
        return (V) cells.get(key);
    }

    /** Stores an immutable value under {@code key}; {@code null} removes it. */
    public void put(String key, Object value) {
        writeCount++;
        Object previous = value == null ? cells.remove(key) : cells.put(key, value);
        if (mode == SyncMode.LOSE_UNSYNCED_ON_CRASH) {
            syncedCells.putIfAbsent(key, previous == null ? ABSENT : previous);
        }
    }

    /** The log with this name, created empty on first use. */
    @SuppressWarnings("unchecked")
    public <T> DurableLog<T> log(String name) {
        return (DurableLog<T>) logs.computeIfAbsent(name, unused -> new DurableLog<>(mode));
    }

    /**
     * The structure with this name, made by {@code create} (given this storage's mode) on first
     * use; a name of its own, apart from the names of {@link #log logs}.
     */
    public <S extends DurableStructure> S structure(String name, Class<S> type, Function<SyncMode, S> create) {
        DurableStructure structure = structures.get(name);
        if (structure == null) {
            structure = create.apply(mode);
            structures.put(name, structure);
        }
        return type.cast(structure);
    }

    /** Makes every write so far durable. */
    public void sync() {
        syncCount++;
        syncedCells.clear();
        for (DurableLog<?> log : logs.values()) {
            log.sync();
        }
        for (DurableStructure structure : structures.values()) {
            structure.sync();
        }
    }

    /** Called by the engine when the process crashes: unsynced writes vanish (in the lossy mode). */
    public void loseUnsyncedWrites() {
        if (mode != SyncMode.LOSE_UNSYNCED_ON_CRASH) {
            return;
        }
        syncedCells.forEach((key, value) -> {
            if (value == ABSENT) {
                cells.remove(key);
            } else {
                cells.put(key, value);
            }
        });
        syncedCells.clear();
        for (DurableLog<?> log : logs.values()) {
            log.loseUnsyncedWrites();
        }
        for (DurableStructure structure : structures.values()) {
            structure.loseUnsyncedWrites();
        }
    }

    /** True when a crash now would lose something (only ever in the lossy mode). */
    public boolean hasUnsyncedWrites() {
        if (!syncedCells.isEmpty()) {
            return true;
        }
        for (DurableLog<?> log : logs.values()) {
            if (log.hasUnsyncedWrites()) {
                return true;
            }
        }
        for (DurableStructure structure : structures.values()) {
            if (structure.hasUnsyncedWrites()) {
                return true;
            }
        }
        return false;
    }

    public long writeCount() {
        return writeCount;
    }

    public long syncCount() {
        return syncCount;
    }
}
