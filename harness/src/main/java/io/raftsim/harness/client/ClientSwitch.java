package io.raftsim.harness.client;

/** Shared by all clients of a run: whether they may start new operations. */
public final class ClientSwitch {
    private boolean issuing = true;
    private int burstOperations;

    public boolean issuing() {
        return issuing;
    }

    public void stop() {
        issuing = false;
    }

    /** Asks the clients for {@code count} extra operations, issued as soon as each is free. */
    public void addBurst(int count) {
        burstOperations += count;
    }

    /** Burst operations not yet taken by a client. */
    public int pendingBurstOperations() {
        return burstOperations;
    }

    boolean takeBurstOperation() {
        if (burstOperations > 0) {
            burstOperations--;
            return true;
        }
        return false;
    }
}
