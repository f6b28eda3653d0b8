package io.raftsim.harness.client;

import java.util.ArrayDeque;

/**
 * Shared by all clients of a run: whether they may start new operations, whether their own
 * workload is paused, and the extra operations asked for (bursts, and submits aimed at one
 * server), taken in the order asked.
 */
public final class ClientSwitch {
    /** What {@link #takeBurstOperation()} returns when no extra operation waits. */
    public static final int NONE = Integer.MIN_VALUE;
    /** An extra operation the client sends wherever it believes the leader is. */
    public static final int ANY_SERVER = -1;

    private boolean issuing = true;
    private boolean workloadPaused;
    private int burstOperations;
    /** Runs of {target server, operations left}, in the order asked: bounded by the steps of a scenario. */
    private final ArrayDeque<int[]> queued = new ArrayDeque<>();
    /** The identity of each submitted command a client issued, in order: client ids and sequence numbers. */
    private int[] submittedClients = new int[16];
    private long[] submittedSequences = new long[16];
    private int submittedIssued;

    public boolean issuing() {
        return issuing;
    }

    public void stop() {
        issuing = false;
    }

    /** True while a scenario has stopped the clients' own workload; extra operations still go. */
    public boolean workloadPaused() {
        return workloadPaused;
    }

    public void pauseWorkload(boolean paused) {
        workloadPaused = paused;
    }

    /** Asks the clients for {@code count} extra operations, issued as soon as each is free. */
    public void addBurst(int count) {
        addBurst(count, ANY_SERVER);
    }

    /** Asks for {@code count} extra operations first sent to {@code server} ({@link #ANY_SERVER}: the client's choice). */
    public void addBurst(int count, int server) {
        if (count <= 0) {
            throw new IllegalArgumentException("a burst of " + count);
        }
        burstOperations += count;
        int[] last = queued.peekLast();
        if (last != null && last[0] == server) {
            last[1] += count;
        } else {
            queued.addLast(new int[] {server, count});
        }
    }

    /**
     * Records that a client issued an operation a scenario's {@code submit} aimed at a server:
     * the {@code submittedIssued()}-th such command is (clientId, sequence).
     */
    void submittedIssued(int clientId, long sequence) {
        if (submittedIssued == submittedClients.length) {
            submittedClients = java.util.Arrays.copyOf(submittedClients, 2 * submittedIssued);
            submittedSequences = java.util.Arrays.copyOf(submittedSequences, 2 * submittedIssued);
        }
        submittedClients[submittedIssued] = clientId;
        submittedSequences[submittedIssued] = sequence;
        submittedIssued++;
    }

    /** How many submitted commands clients have issued so far. */
    public int submittedIssued() {
        return submittedIssued;
    }

    /** The client that issued the {@code k}-th submitted command (from 1). */
    public int submittedClient(int k) {
        return submittedClients[k - 1];
    }

    /** The sequence number of the {@code k}-th submitted command (from 1) at its client. */
    public long submittedSequence(int k) {
        return submittedSequences[k - 1];
    }

    /** Burst operations not yet taken by a client. */
    public int pendingBurstOperations() {
        return burstOperations;
    }

    /** Takes one extra operation: the server it goes to first, {@link #ANY_SERVER}, or {@link #NONE}. */
    int takeBurstOperation() {
        int[] first = queued.peekFirst();
        if (first == null) {
            return NONE;
        }
        burstOperations--;
        if (--first[1] == 0) {
            queued.removeFirst();
        }
        return first[0];
    }
}
