package io.raftsim.sim.trace;

/**
 * One structured trace record. {@code node} is the process the record is about (-1 for the
 * whole system), {@code peer} the other end of a message (-1 when none). {@code payload}
 * is the message, fault action or process event itself, for sinks that serialise fields.
 */
public record TraceRecord(long step, long timeMicros, TraceKind kind, int node, int peer, String detail, Object payload) {
    @Override
    public String toString() {
        return step + " " + timeMicros + "us " + kind + " n=" + node + (peer >= 0 ? " peer=" + peer : "") + " " + detail;
    }
}
