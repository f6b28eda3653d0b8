package io.raftsim.harness.spi;

import io.raftsim.sim.engine.Process;

/** One incarnation of one server of an implementation: a simulated process the checks can read. */
public interface RaftProcess<T> extends Process<T> {
    /**
     * The read-only view the checks read after every step. The same object for the whole
     * incarnation; reading it must not change the server.
     */
    ServerProbe probe();

    /**
     * Asked of a running server by a scenario's {@code transferLeadership} step: if it leads,
     * hand leadership to server {@code target} (dissertation §3.10); otherwise do nothing. Only
     * called on implementations declaring {@link Feature#LEADERSHIP_TRANSFER}.
     */
    default void transferLeadership(int target) {
        throw new UnsupportedOperationException("leadership transfer is not supported");
    }
}
