package io.raftsim.reports.narration;

/**
 * One line of a run's story, shown by the timeline at its step.
 *
 * @param step   the engine step it belongs to
 * @param timeMicros the virtual time of that step
 * @param source whether the scenario's author wrote it or it was generated from the events
 * @param text   plain text (the page escapes it)
 */
public record Narration(long step, long timeMicros, Source source, String text) {
    public enum Source { SCENARIO, GENERATED }
}
