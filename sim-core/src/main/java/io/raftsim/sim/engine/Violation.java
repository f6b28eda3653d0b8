package io.raftsim.sim.engine;

/**
 * A named property that failed. Observers return it unstamped ({@link #of}); the engine
 * stamps it with the step and virtual time at which it was seen.
 */
public record Violation(String property, String message, long step, long timeMicros) {
    /** The property a run breaks when a process throws while handling an event. */
    public static final String PROCESS_THREW = "Process Invariant";

    public static Violation of(String property, String message) {
        return new Violation(property, message, -1, -1);
    }

    Violation stamped(long atStep, long atMicros) {
        return new Violation(property, message, atStep, atMicros);
    }

    @Override
    public String toString() {
        return property + " violated at step " + step + " (" + Time.format(timeMicros) + "): " + message;
    }
}
