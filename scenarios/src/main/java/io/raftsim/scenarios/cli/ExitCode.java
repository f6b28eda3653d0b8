package io.raftsim.scenarios.cli;

/** The command's exit codes, documented in the README; a run's code comes from its {@link io.raftsim.scenarios.run.Outcome}. */
public final class ExitCode {
    public static final int PASSED = 0;
    /** A safety property or linearizability was violated. */
    public static final int VIOLATION = 1;
    /** Bad input or usage: one line names what and why. */
    public static final int BAD_INPUT = 2;
    /** After healing, no leader or no progress within the bound. */
    public static final int LIVENESS = 3;
    /** An {@code expect} condition of a scenario was not reached. */
    public static final int EXPECTATION = 4;
    /** A run bound (steps, virtual time, queued events) was hit before the run could be judged. */
    public static final int LIMIT = 5;
    /** The linearizability check could not decide some key within its step budget: neither passed nor failed. */
    public static final int UNDECIDED = 6;
    /** A mid-run check of a scenario (or a step's wait) missed its deadline or broke in its window. */
    public static final int CHECK = 7;

    private ExitCode() {
    }
}
