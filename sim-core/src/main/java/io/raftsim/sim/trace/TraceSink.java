package io.raftsim.sim.trace;

/**
 * Where trace records go. The engine asks {@link #enabled()} before it builds a record, so
 * a run without a sink pays only for the digest.
 */
public interface TraceSink {
    TraceSink NONE = new TraceSink() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public void accept(TraceRecord traceRecord) {
        }
    };

    default boolean enabled() {
        return true;
    }

    void accept(TraceRecord traceRecord);

    /** Called once when the run has ended, so a streaming sink can flush. */
    default void close() {
    }
}
