package io.raftsim.sim.fault;

/** A fault action and the virtual time at which it is applied. */
public record TimedFault(long atMicros, FaultAction action) {
    public TimedFault {
        if (atMicros < 0) {
            throw new IllegalArgumentException("atMicros must be >= 0: " + atMicros);
        }
    }

    @Override
    public String toString() {
        return atMicros + "us " + action.describe();
    }
}
