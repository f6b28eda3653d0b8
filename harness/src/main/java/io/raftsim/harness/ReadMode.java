package io.raftsim.harness;

/**
 * How a leader answers a read (a Get), dissertation §6.4. Every mode is linearizable under
 * its stated assumptions; they differ in what a read costs and what it relies on.
 */
public enum ReadMode {
    /** The read is a log entry like a write: committed, applied, answered (the simplest to prove; the default). */
    LOG("log"),
    /**
     * §6.4 ReadIndex: the leader records its commit index (once an entry of its own term is
     * committed), confirms it still leads by a round of heartbeats a majority acknowledges,
     * waits until it has applied through that index, and answers from its state machine.
     */
    READ_INDEX("readIndex"),
    /**
     * §6.4.1 lease reads: after a round acknowledged by a majority, started at time t, the
     * leader answers without a round until t + electionTimeoutMin / (1 + drift bound). Safe only
     * while clocks drift within the bound.
     */
    LEASE("lease");

    private final String jsonName;

    ReadMode(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name scenario files use. */
    public String jsonName() {
        return jsonName;
    }

    /** The mode a scenario file names, or null. */
    public static ReadMode fromJsonName(String name) {
        for (ReadMode mode : values()) {
            if (mode.jsonName.equals(name)) {
                return mode;
            }
        }
        return null;
    }
}
