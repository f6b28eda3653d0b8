package io.raftsim.sim.engine;

/**
 * Runs after every step with read access to the whole simulation. Returning a
 * {@link Violation} stops the run; returning {@code null} lets it go on.
 */
@FunctionalInterface
public interface Observer<M> {
    Violation afterStep(SimulationView<M> view);
}
