package io.raftsim.sim.engine;

/** An action the engine applies at a scheduled virtual time, as one step of its own. */
public interface ControlAction {
    /** A stable one-line description; it is part of the run digest, so it must not vary between runs. */
    String describe();

    void apply(ControlTarget target);

    /**
     * The concrete action to apply now. An action that names nodes by what they are at the
     * time it runs ("the leader") answers with the action on the nodes it names then; the
     * engine records and applies what this returns, so traces show what really happened.
     */
    default ControlAction resolve(ControlTarget target) {
        return this;
    }

    /** Whether the trace calls this a fault (a partition, a crash) or a control step (a client burst). */
    default boolean isFault() {
        return false;
    }
}
