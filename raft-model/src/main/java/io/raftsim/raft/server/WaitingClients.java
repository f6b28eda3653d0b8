package io.raftsim.raft.server;

import java.util.Arrays;
import java.util.TreeMap;

/**
 * The request each client waits on at this leader (its sequence number, in this leader's log),
 * so the reply goes out when that entry applies and a retry is not appended twice. Client ids
 * are small process ids, so an array by id: the boxed sorted map this replaces was about 10% of
 * a step's CPU, looked up for every client request and every applied entry. Larger ids (none of
 * the harness's clients has one) go to a sorted map.
 */
final class WaitingClients {
    private static final long NONE = Long.MIN_VALUE;
    private static final int ARRAY_CLIENT_IDS = 1 << 12;

    private long[] sequences = newSequences(16);
    private final TreeMap<Integer, Long> distant = new TreeMap<>();
    /** How many clients wait: a follower clears the table at every step, which must then cost nothing. */
    private int count;

    /** Whether {@code clientId} waits on exactly {@code sequence}. */
    boolean waitsOn(int clientId, long sequence) {
        if (clientId >= ARRAY_CLIENT_IDS || clientId < 0) {
            Long waiting = distant.get(clientId);
            return waiting != null && waiting == sequence;
        }
        return clientId < sequences.length && sequences[clientId] == sequence && sequence != NONE;
    }

    /** {@code clientId} now waits on {@code sequence} (instead of any earlier request). */
    void put(int clientId, long sequence) {
        if (clientId >= ARRAY_CLIENT_IDS || clientId < 0) {
            if (distant.put(clientId, sequence) == null) {
                count++;
            }
            return;
        }
        if (clientId >= sequences.length) {
            int before = sequences.length;
            sequences = Arrays.copyOf(sequences, Math.max(clientId + 1, before * 2));
            Arrays.fill(sequences, before, sequences.length, NONE);
        }
        if (sequences[clientId] == NONE) {
            count++;
        }
        sequences[clientId] = sequence;
    }

    /** {@code clientId} no longer waits. */
    void remove(int clientId) {
        if (clientId >= ARRAY_CLIENT_IDS || clientId < 0) {
            if (distant.remove(clientId) != null) {
                count--;
            }
        } else if (clientId < sequences.length && sequences[clientId] != NONE) {
            sequences[clientId] = NONE;
            count--;
        }
    }

    void clear() {
        if (count > 0) {
            Arrays.fill(sequences, NONE);
            distant.clear();
            count = 0;
        }
    }

    private static long[] newSequences(int length) {
        long[] fresh = new long[length];
        Arrays.fill(fresh, NONE);
        return fresh;
    }
}
