package io.raftsim.harness.kv;

import io.raftsim.sim.random.RandomStream;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The deterministic key-value model: the replicated state machine applies commands to it,
 * and the linearizability checker replays histories against it.
 */
public final class KvStore {
    private final TreeMap<String, String> values = new TreeMap<>();
    /**
     * The sum of one hash per (key, value) pair, kept as values change: equal contents give
     * equal fingerprints whatever the order of writes, at O(1) per write.
     */
    private long fingerprint;

    public KvResult apply(KvCommand command) {
        if (command instanceof Put put) {
            set(put.key(), put.value());
            return KvResult.done();
        } else if (command instanceof Get get) {
            return KvResult.read(values.get(get.key()));
        } else if (command instanceof Append append) {
            set(append.key(), valueAfter(append, values.get(append.key())));
            return KvResult.done();
        } else if (command instanceof Cas cas) {
            boolean matches = Objects.equals(values.get(cas.key()), cas.expected());
            if (matches) {
                set(cas.key(), cas.update());
            }
            return KvResult.cas(matches);
        }
        throw new IllegalArgumentException("unknown command " + command);
    }

    private void set(String key, String value) {
        String previous = values.put(key, value);
        if (previous != null) {
            fingerprint -= pairHash(key, previous);
        }
        fingerprint += pairHash(key, value);
    }

    private static long pairHash(String key, String value) {
        return RandomStream.mix64(KvFingerprint.text(key) * 0x9E3779B97F4A7C15L + KvFingerprint.text(value));
    }

    /** A fingerprint of the whole contents: two stores with the same pairs have the same one. */
    public long fingerprint() {
        return fingerprint;
    }

    /** What {@code command} would return and the value {@code key} would hold after it, from {@code current}. */
    public static String valueAfter(KvCommand command, String current) {
        if (command instanceof Put put) {
            return put.value();
        } else if (command instanceof Append append) {
            return current == null ? append.value() : current + append.value();
        } else if (command instanceof Cas cas) {
            return Objects.equals(current, cas.expected()) ? cas.update() : current;
        }
        return current;
    }

    /** The result {@code command} returns when the key holds {@code current}. */
    public static KvResult resultAt(KvCommand command, String current) {
        if (command instanceof Get) {
            return KvResult.read(current);
        } else if (command instanceof Cas cas) {
            return KvResult.cas(Objects.equals(current, cas.expected()));
        }
        return KvResult.done();
    }

    /** Every pair, in key order, as an immutable copy: what a snapshot of the store holds (§7). */
    public SortedMap<String, String> contents() {
        return java.util.Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }

    /** Replaces the whole contents with {@code pairs}, as installing a snapshot does (§7). */
    public void replaceContents(Map<String, String> pairs) {
        values.clear();
        fingerprint = 0;
        for (Map.Entry<String, String> pair : new TreeMap<>(pairs).entrySet()) {
            set(pair.getKey(), pair.getValue());
        }
    }

    public String get(String key) {
        return values.get(key);
    }

    public int size() {
        return values.size();
    }
}
