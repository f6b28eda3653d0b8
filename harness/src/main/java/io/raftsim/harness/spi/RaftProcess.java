package io.raftsim.harness.spi;

import io.raftsim.sim.engine.Process;

/** One incarnation of one server of an implementation: a simulated process the checks can read. */
public interface RaftProcess<T> extends Process<T> {
    /**
     * The read-only view the checks read after every step. The same object for the whole
     * incarnation; reading it must not change the server.
     */
    ServerProbe probe();
}
