package io.raftsim.sim.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps records in memory, up to a bound; records past it are counted, not kept. */
public final class InMemoryTraceSink implements TraceSink {
    private final int maxRecords;
    private final List<TraceRecord> records = new ArrayList<>();
    private long overflowCount;

    public InMemoryTraceSink(int maxRecords) {
        if (maxRecords <= 0) {
            throw new IllegalArgumentException("maxRecords must be positive: " + maxRecords);
        }
        this.maxRecords = maxRecords;
    }

    @Override
    public void accept(TraceRecord traceRecord) {
        if (records.size() < maxRecords) {
            records.add(traceRecord);
        } else {
            overflowCount++;
        }
    }

    public List<TraceRecord> records() {
        return Collections.unmodifiableList(records);
    }

    /** Records that did not fit under the bound. */
    public long overflowCount() {
        return overflowCount;
    }
}
