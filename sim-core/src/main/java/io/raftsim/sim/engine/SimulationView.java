package io.raftsim.sim.engine;

/** Read access to a running simulation, for observers and checks. */
public interface SimulationView<M> {
    long seed();

    long step();

    long nowMicros();

    int processCount();

    boolean isUp(int node);

    /** The live incarnation of {@code node}, or {@code null} while it is crashed. */
    Process<M> process(int node);
}
