package io.raftsim.reports.trace;

import io.raftsim.reports.io.AtomicFile;
import io.raftsim.sim.trace.TraceRecord;
import io.raftsim.sim.trace.TraceSink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;

/**
 * Writes a run's trace as JSON Lines while the run goes: a header line, one line per engine
 * record, and a footer line written by {@link #finish}. Records are serialised as they
 * arrive and never kept, so memory stays bounded however long the run. The file appears at
 * its path only when {@link #finish} commits it; a run that dies first leaves no partial file.
 *
 * <p>The engine calls {@link #close()} when a run ends by a violation or a limit, and a
 * cluster run may call {@code runUntil} several times, so {@code close()} only flushes.
 *
 * <p>A write that fails (a full disk, a closed pipe) never throws into the run: the engine
 * would take it for a process breaking its invariants, and the run's verdict matters more
 * than its trace. The first failure is kept, nothing more is written, and {@link #finish}
 * reports it after discarding the temporary file.
 */
public final class JsonlTraceWriter implements TraceSink, AutoCloseable {
    private final Path path;
    private final AtomicFile file;
    private final Writer writer;
    private final TraceLines lines = new TraceLines();
    private long events;
    private boolean finished;
    /** The first write that failed; after it nothing is written. */
    private IOException failure;

    private JsonlTraceWriter(Path path, TraceHeader header) {
        this.path = path;
        this.file = AtomicFile.open(path);
        this.writer = file.writer();
        writeLine(lines.header(header));
    }

    /** Opens a trace at {@code path} (written to a temporary file until {@link #finish}) and writes the header. */
    public static JsonlTraceWriter open(Path path, TraceHeader header) {
        return new JsonlTraceWriter(path, header);
    }

    @Override
    public void accept(TraceRecord traceRecord) {
        if (finished) {
            throw new IllegalStateException("trace " + path + " already finished; record at step " + traceRecord.step());
        }
        writeLine(lines.event(traceRecord));
        events++;
    }

    /** Flushes what was written; the file stays open, since the run may go on. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        if (failure == null) {
            try {
                writer.flush();
            } catch (IOException e) {
                failure = e;
            }
        }
    }

    /**
     * Writes the footer (with the number of event lines filled in) and moves the file into
     * place. Returns the footer as written.
     */
    public TraceFooter finish(TraceFooter footer) {
        if (finished) {
            throw new IllegalStateException("trace " + path + " already finished");
        }
        TraceFooter written = footer.withEvents(events);
        writeLine(lines.footer(written));
        finished = true;
        if (failure != null) {
            file.close();
            throw new UncheckedIOException("cannot write " + path + ": " + failure.getMessage(), failure);
        }
        file.commit();
        return written;
    }

    /** Discards the trace: nothing appears at the path (for a run that failed before it could be judged). */
    public void discard() {
        finished = true;
        file.close();
    }

    /** Event lines written so far. */
    public long eventCount() {
        return events;
    }

    public Path path() {
        return path;
    }

    /** The first write failure, or null; {@link #finish} reports it. */
    public IOException failure() {
        return failure;
    }

    private void writeLine(String line) {
        if (failure != null) {
            return;
        }
        try {
            writer.write(line);
            writer.write('\n');
        } catch (IOException e) {
            failure = e;
        }
    }
}
