package io.raftsim.sim.engine;

/**
 * Every bound of a run. A run that reaches one ends with {@link RunStatus#LIMIT_REACHED}
 * and names it; nothing in the engine grows without a bound.
 */
public record Limits(
        long maxSteps,
        long maxVirtualTimeMicros,
        int maxQueuedEvents,
        int maxInFlightPerLink,
        int maxDeferredEventsPerNode,
        int maxTimersPerNode) {

    public static final Limits DEFAULT = new Limits(200_000_000L, Time.seconds(24 * 3600), 4_000_000, 10_000, 10_000, 16);

    public Limits {
        if (maxSteps <= 0 || maxVirtualTimeMicros <= 0 || maxQueuedEvents <= 0 || maxInFlightPerLink <= 0
                || maxDeferredEventsPerNode <= 0 || maxTimersPerNode <= 0) {
            throw new IllegalArgumentException("every limit must be positive: " + this);
        }
    }

    public Limits withMaxSteps(long steps) {
        return new Limits(steps, maxVirtualTimeMicros, maxQueuedEvents, maxInFlightPerLink, maxDeferredEventsPerNode, maxTimersPerNode);
    }

    public Limits withMaxVirtualTimeMicros(long micros) {
        return new Limits(maxSteps, micros, maxQueuedEvents, maxInFlightPerLink, maxDeferredEventsPerNode, maxTimersPerNode);
    }

    public Limits withMaxQueuedEvents(int events) {
        return new Limits(maxSteps, maxVirtualTimeMicros, events, maxInFlightPerLink, maxDeferredEventsPerNode, maxTimersPerNode);
    }

    public Limits withMaxInFlightPerLink(int messages) {
        return new Limits(maxSteps, maxVirtualTimeMicros, maxQueuedEvents, messages, maxDeferredEventsPerNode, maxTimersPerNode);
    }
}
