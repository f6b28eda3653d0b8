package io.raftsim.sim.engine;

/** An action the engine applies at a scheduled virtual time, as one step of its own. */
public interface ControlAction {
    /** A stable one-line description; it is part of the run digest, so it must not vary between runs. */
    String describe();

    void apply(ControlTarget target);

    /** Whether the trace calls this a fault (a partition, a crash) or a control step (a client burst). */
    default boolean isFault() {
        return false;
    }
}
