package io.raftsim.scenarios.cli;

import io.raftsim.reports.trace.TraceFormatException;
import io.raftsim.scenarios.format.ScenarioException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Entry point of {@code raftsim}. Bad input (arguments, scenario files, traces, summaries,
 * unwritable output) gives one line on stderr and exit code 2, never a stack trace; a crash
 * of the simulator itself is a programming error and fails loudly with its stack trace.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command with the given streams; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new RaftsimCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            exception.getCommandLine().getErr().println("raftsim: " + TerminalText.safe(exception.getMessage()));
            return ExitCode.BAD_INPUT;
        });
        commandLine.setExecutionExceptionHandler((exception, command, parseResult) -> {
            if (BadInput.is(exception)) {
                command.getErr().println("raftsim: " + BadInput.message(exception));
                command.getErr().flush();
                return ExitCode.BAD_INPUT;
            }
            throw exception;
        });
        return commandLine.execute(args);
    }

    /** Which exceptions are the user's input, not our bug. */
    static final class BadInput {
        private BadInput() {
        }

        static boolean is(Exception exception) {
            return exception instanceof ScenarioException || exception instanceof TraceFormatException
                    || exception instanceof UncheckedIOException;
        }

        static String message(Exception exception) {
            String message = exception.getMessage() == null ? exception.getClass().getSimpleName() : exception.getMessage();
            // One line, whatever a file name or value in it holds: escaped, never cut.
            return TerminalText.safe(message);
        }
    }
}
