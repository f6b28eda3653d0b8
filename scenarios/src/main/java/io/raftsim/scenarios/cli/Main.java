package io.raftsim.scenarios.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/** Entry point of {@code raftsim}. Bad input gives one line on stderr and exit code 2, never a stack trace. */
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
            exception.getCommandLine().getErr().println("raftsim: " + exception.getMessage().replace('\n', ' '));
            return ExitCode.BAD_INPUT;
        });
        return commandLine.execute(args);
    }
}
