package io.raftsim.sim.engine;

/** Creates a fresh incarnation of process {@code context.nodeId()}: at the start and on every restart. */
@FunctionalInterface
public interface ProcessFactory<M> {
    Process<M> create(ProcessContext<M> context);
}
