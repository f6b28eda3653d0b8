package io.raftsim.reports.narration;

/**
 * A note a scenario file carries, read back from a trace's header. Either tied to a moment of
 * the run ({@code on} the {@code nth} time it happens), or to a virtual time. Its text may name
 * the parties of that moment: {@code {node}}, {@code {peer}}, {@code {term}}, {@code {index}},
 * {@code {count}}, {@code {command}}, {@code {reason}}.
 */
public sealed interface ScenarioNote {
    String text();

    record OnEvent(NoteTrigger on, int nth, String text) implements ScenarioNote {
    }

    record AtTime(long atMs, String text) implements ScenarioNote {
    }
}
