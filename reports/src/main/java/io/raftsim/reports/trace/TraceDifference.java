package io.raftsim.reports.trace;

/**
 * The first place where a re-run departs from a recorded trace.
 *
 * @param lineNumber line of the trace file where they differ (the footer's line when only the end differs)
 * @param step       the step of the differing event (of the recorded one when the re-run has none)
 * @param expected   the recorded line, or null when the trace has no more events
 * @param actual     the re-run's line, or null when the re-run produced no more events
 */
public record TraceDifference(long lineNumber, long step, String expected, String actual) {
    /** Two or three lines for a terminal: where, then the recorded and the re-run event. */
    public String describe() {
        return "first difference at line " + lineNumber + " (step " + step + "):\n"
                + "  trace:  " + (expected == null ? "(no more events)" : expected) + "\n"
                + "  re-run: " + (actual == null ? "(no more events)" : actual);
    }
}
