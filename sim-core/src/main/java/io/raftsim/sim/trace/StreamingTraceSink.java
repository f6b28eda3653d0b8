package io.raftsim.sim.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.function.Function;

/** Writes each record as one line as the run goes, so memory stays bounded however long the run. */
public final class StreamingTraceSink implements TraceSink {
    private final Writer writer;
    private final Function<TraceRecord, String> format;

    public StreamingTraceSink(Writer writer, Function<TraceRecord, String> format) {
        this.writer = writer;
        this.format = format;
    }

    /** One plain-text line per record. */
    public StreamingTraceSink(Writer writer) {
        this(writer, TraceRecord::toString);
    }

    @Override
    public void accept(TraceRecord traceRecord) {
        try {
            writer.write(format.apply(traceRecord));
            writer.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("trace sink write failed", e);
        }
    }

    @Override
    public void close() {
        try {
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("trace sink flush failed", e);
        }
    }
}
