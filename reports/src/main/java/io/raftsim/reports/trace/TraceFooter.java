package io.raftsim.reports.trace;

import io.raftsim.harness.cluster.ClusterOutcome;
import io.raftsim.sim.engine.RunResult;

import java.util.Objects;

/**
 * The last line of a trace, written by {@link JsonlTraceWriter#finish}: how the run ended.
 * A trace without one was cut short and is rejected by the reader.
 *
 * @param result     the verdict, e.g. PASSED, SAFETY_VIOLATION, LIVENESS_FAILURE
 * @param property   the failed property, or null
 * @param message    what failed, or null
 * @param steps      steps the engine took
 * @param timeMicros virtual time at the end
 * @param digest     the run digest as 16 hex digits
 * @param events     event lines between the header and the footer (filled in by the writer)
 */
public record TraceFooter(String result, String property, String message, long steps, long timeMicros, String digest,
                          long events) implements TraceEvent {
    public TraceFooter {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(digest, "digest");
    }

    public static TraceFooter of(ClusterOutcome outcome) {
        return of(outcome.run(), outcome.verdict().name(), outcome.property(), outcome.message());
    }

    public static TraceFooter of(RunResult run, String result, String property, String message) {
        return new TraceFooter(result, property, message, run.steps(), run.virtualTimeMicros(), run.digestHex(), 0);
    }

    TraceFooter withEvents(long count) {
        return new TraceFooter(result, property, message, steps, timeMicros, digest, count);
    }
}
