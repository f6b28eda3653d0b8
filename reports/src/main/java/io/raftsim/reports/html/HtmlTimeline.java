package io.raftsim.reports.html;

import io.raftsim.reports.io.AtomicFile;
import io.raftsim.reports.trace.TraceReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Renders a trace into one self-contained HTML page: no network, no CDN, the data embedded
 * as JSON in a script element, drawn by vanilla JavaScript into SVG. A lane per server shows
 * its role over time with crashes, pauses and partitions as bands and messages as arrows; a
 * step scrubber drives a RaftScope-style panel of every server's log, commit index, term,
 * vote, and the leader's nextIndex/matchIndex. Clients have lanes, each server's election
 * timer counts down under its lane, votes, commits, applies and rollbacks are marked, and a
 * story bar shows the run's narration ({@link io.raftsim.reports.narration.Narrator}).
 * {@code #step=N} or {@code #t=MS} in the URL selects a step; docs/timeline.md describes it all.
 */
public final class HtmlTimeline {
    private static final String TEMPLATE_RESOURCE = "timeline.html";
    private static final String DATA_MARK = "/*__DATA__*/";
    private static final String TITLE_MARK = "__TITLE__";

    private HtmlTimeline() {
    }

    /** Reads {@code trace} (throwing {@link io.raftsim.reports.trace.TraceFormatException} if malformed) and writes the page to {@code html}. */
    public static void render(Path trace, Path html) {
        render(trace, html, TimelineData.DEFAULT_MAX_STATE_EVENTS, TimelineData.DEFAULT_MAX_ARROWS);
    }

    /** As {@link #render(Path, Path)} with explicit bounds on what the page embeds. */
    public static void render(Path trace, Path html, int maxStateEvents, int maxArrows) {
        String page;
        try (TraceReader reader = TraceReader.open(trace)) {
            page = page(TimelineData.read(reader, maxStateEvents, maxArrows));
        }
        AtomicFile.write(html, page);
    }

    static String page(TimelineData data) {
        String template = template();
        String title = "raftsim: " + data.title();
        return template.replace(TITLE_MARK, Html.escape(title)).replace(DATA_MARK, Html.scriptSafeJson(data.toJson()));
    }

    private static String template() {
        try (InputStream in = HtmlTimeline.class.getResourceAsStream(TEMPLATE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + TEMPLATE_RESOURCE + " missing from the reports jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
