package io.raftsim.reports.trace;

import io.raftsim.sim.trace.TraceRecord;
import io.raftsim.sim.trace.TraceSink;

import java.nio.file.Path;

/**
 * Checks a re-run against a recorded trace, event for event. As the re-run produces
 * records, each is serialised exactly as {@link JsonlTraceWriter} would write it and
 * compared with the next event line of the file. The first difference is kept (later
 * records are not compared: after a departure everything may differ); {@link #finish}
 * then checks that the trace has no events left and that the footers agree.
 *
 * <p>Use: open with {@link #open(Path)}, give the re-run's engine this sink (the header is
 * {@link #header()}), run, then call {@link #finish(TraceFooter)} with the re-run's footer
 * and ask {@link #firstDifference()}.
 *
 * <p>The recorded file is read by the same strict {@link TraceReader} as {@code report}: a
 * malformed line is bad input, not a difference. The engine would take an exception thrown
 * from a sink for a process breaking its invariants, so the first format error is kept and
 * {@link #finish} throws it; so does content after the footer.
 */
public final class ReplayCheckSink implements TraceSink, AutoCloseable {
    private final TraceReader reader;
    private final TraceLines lines = new TraceLines();
    private TraceDifference difference;
    private TraceFooter recordedFooter;
    private long compared;
    /** The step of the recorded event last read, for reporting a trace longer than the re-run. */
    private long lastStep = -1;
    private boolean finished;
    /** The first malformed line of the recorded trace; once set, nothing more is compared. */
    private TraceFormatException formatError;

    private ReplayCheckSink(TraceReader reader) {
        this.reader = reader;
    }

    /** Opens the recorded trace; its header is read and checked at once. */
    public static ReplayCheckSink open(Path trace) {
        return new ReplayCheckSink(TraceReader.open(trace));
    }

    public static ReplayCheckSink of(TraceReader reader) {
        return new ReplayCheckSink(reader);
    }

    /** The recorded header: the scenario and seed to re-run. */
    public TraceHeader header() {
        return reader.header();
    }

    @Override
    public void accept(TraceRecord traceRecord) {
        if (difference != null || formatError != null) {
            return;
        }
        String actual = lines.event(traceRecord);
        String expected;
        try {
            expected = nextRecordedEvent();
        } catch (TraceFormatException e) {
            formatError = e;
            return;
        }
        compared++;
        if (expected == null) {
            difference = new TraceDifference(reader.lineNumber(), traceRecord.step(), null, actual);
        } else if (!expected.equals(actual)) {
            difference = new TraceDifference(reader.lineNumber(), traceRecord.step(), expected, actual);
        }
    }

    /**
     * Ends the comparison: the trace must have no events left, and the re-run's footer
     * (result, property, message, steps, time, digest) must equal the recorded one.
     */
    public void finish(TraceFooter rerunFooter) {
        if (finished) {
            return;
        }
        finished = true;
        try {
            compareTheRest(rerunFooter);
        } finally {
            reader.close();
        }
    }

    /**
     * The comparison after the re-run: events the trace has left, the footers, and then the
     * rest of the file, read to its end even after a difference: a file {@code report}
     * rejects, {@code replay} rejects too, however early the runs part.
     */
    private void compareTheRest(TraceFooter rerunFooter) {
        if (formatError != null) {
            throw formatError;
        }
        if (difference == null) {
            String expected = nextRecordedEvent();
            if (expected != null) {
                difference = new TraceDifference(reader.lineNumber(), stepOf(), expected, null);
            }
        }
        if (difference == null && recordedFooter != null) {
            String expected = lines.footer(recordedFooter);
            String actual = lines.footer(rerunFooter.withEvents(compared));
            if (!expected.equals(actual)) {
                difference = new TraceDifference(reader.lineNumber(), rerunFooter.steps(), expected, actual);
            }
        }
        while (reader.next() != null) {
            // Each line is checked as it is read; after the footer, next() rejects any content.
        }
    }

    /** The first difference, or null when the re-run matched the trace so far (after {@link #finish}: entirely). */
    public TraceDifference firstDifference() {
        return difference;
    }

    /** Events compared so far. */
    public long comparedEvents() {
        return compared;
    }

    @Override
    public void close() {
        // The engine calls this when the run ends early; the comparison goes on in finish().
    }

    /** The raw text of the next recorded event line, or null when the footer comes next (remembering it). */
    private String nextRecordedEvent() {
        if (recordedFooter != null) {
            return null;
        }
        TraceEvent event = reader.next();
        if (event instanceof TraceFooter footer) {
            recordedFooter = footer;
            return null;
        }
        lastStep = event instanceof TraceEvent.Step s ? s.step() : -1;
        return event == null ? null : reader.lastLine();
    }

    private long stepOf() {
        return lastStep;
    }
}
