package io.raftsim.scenarios.cli;

import io.raftsim.scenarios.format.ScenarioException;
import io.raftsim.reports.trace.TraceFormatException;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * The files a command writes after its verdict is printed. The verdict and the replay
 * command come first, so a full disk or a closed pipe can lose an output but never the
 * verdict; each output that fails is one line on stderr naming its option, the outputs
 * after it are still tried, and the exit code stays the run's (2 only when the run passed).
 */
final class Outputs {
    private final PrintWriter err;
    private boolean failed;

    Outputs(PrintWriter err) {
        this.err = err;
    }

    /** Writes one output; returns false (having said why) when it could not be written. */
    boolean write(String option, Runnable output) {
        try {
            output.run();
            return true;
        } catch (UncheckedIOException | ScenarioException | TraceFormatException e) {
            fail(option, Main.BadInput.message(e));
            return false;
        }
    }

    /** An output that was not written: one line on stderr. */
    void fail(String option, String why) {
        failed = true;
        err.println("raftsim: " + option + ": " + why);
        err.flush();
    }

    /** The run's exit code; a passed run whose output failed exits with 2, since what was asked for is missing. */
    int exitCode(int verdict) {
        return verdict != ExitCode.PASSED || !failed ? verdict : ExitCode.BAD_INPUT;
    }
}
