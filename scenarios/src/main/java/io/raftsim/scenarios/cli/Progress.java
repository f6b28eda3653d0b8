package io.raftsim.scenarios.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A progress bar for long work (sweeps, experiments), on stderr only: stdout summaries and
 * output files stay byte-identical with or without it. Shown by default when stderr is a
 * terminal, which Java 17 cannot see for itself ({@code System.console()} is null as soon as
 * stdout is redirected, exactly when {@code sweep --json > file} runs long): the launcher
 * tests stderr ({@code [ -t 2 ]}) and passes {@value #STDERR_TERMINAL_PROPERTY}. Counts
 * come from the work itself; nothing here reads a clock.
 */
final class Progress {
    static final String STDERR_TERMINAL_PROPERTY = "raftsim.stderrIsTerminal";

    /** {@code --progress}: when to show the bar. */
    enum When {
        auto, always, never;

        boolean shows() {
            return switch (this) {
                case always -> true;
                case never -> false;
                case auto -> {
                    String launcher = System.getProperty(STDERR_TERMINAL_PROPERTY);
                    yield launcher != null ? Boolean.parseBoolean(launcher) : System.console() != null;
                }
            };
        }
    }

    private static final int WIDTH = 25;

    private final PrintWriter err;
    private final long total;
    private final String unit;
    private final boolean visible;
    private long shownPercent = -1;

    Progress(PrintWriter err, long total, String unit, boolean visible) {
        this.err = err;
        this.total = Math.max(1, total);
        this.unit = unit;
        this.visible = visible;
    }

    /** Called from worker threads as work completes. */
    synchronized void update(long done) {
        long percent = Math.min(100, done * 100 / total);
        if (visible && percent != shownPercent) {
            shownPercent = percent;
            int bar = (int) (percent * WIDTH / 100);
            err.printf(Locale.ROOT, "\r[%s%s] %3d%% %d/%d %s", "#".repeat(bar), " ".repeat(WIDTH - bar), percent, done, total, unit);
            err.flush();
        }
    }

    /** Clears the bar, so the next line on the terminal starts clean. */
    synchronized void finish() {
        if (visible && shownPercent >= 0) {
            err.print("\r" + " ".repeat(WIDTH + 40) + "\r");
            err.flush();
        }
    }
}
