package io.raftsim.sim.engine;

/**
 * A simulated process: deterministic handlers that run to completion without blocking,
 * sleeping or starting threads (DSLabs' rule). It reaches the world only through the
 * {@link ProcessContext} it was created with. A crash discards the object; a restart
 * creates a new one from the same {@link ProcessFactory}, which finds only what was
 * written to durable storage.
 *
 * @param <M> the message type of the simulation
 */
public interface Process<M> {
    /** Runs once per incarnation: at the start of the run, and after each restart. */
    void onStart();

    void onMessage(int from, M message);

    void onTimer(int timerId);
}
