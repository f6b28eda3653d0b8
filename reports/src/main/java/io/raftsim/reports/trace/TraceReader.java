package io.raftsim.reports.trace;

import io.raftsim.reports.io.InputFiles;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a trace file back as typed events: {@link #header()} is read on open, then
 * {@link #next()} returns each {@link TraceEvent.Step} in order, then the {@link TraceFooter},
 * then null. One line is in memory at a time, and no line longer than
 * {@link TraceFormat#MAX_LINE_CHARS} is ever held. Any malformed input (not JSON, a wrong
 * format or version, an unknown event type, a missing field, no footer, a line too long)
 * raises a {@link TraceFormatException} naming the file, line, field and value.
 */
public final class TraceReader implements AutoCloseable {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final Path path;
    private final BoundedLineReader lines;
    private final TraceHeader header;
    private long lineNumber;
    private String lastLine;
    private TraceFooter footer;
    private boolean done;

    private TraceReader(Path path, int maxLineChars) {
        this.path = path;
        try {
            // Before opening: a FIFO's open would block until a writer came, perhaps never.
            InputFiles.requireRegular(path);
        } catch (InputFiles.Unreadable e) {
            throw new TraceFormatException(path, 0, e.getMessage());
        }
        try {
            var decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            this.lines = new BoundedLineReader(new InputStreamReader(Files.newInputStream(path), decoder), maxLineChars);
        } catch (NoSuchFileException e) {
            throw new TraceFormatException(path, 0, "no such file");
        } catch (IOException e) {
            throw new TraceFormatException(path, 0, "cannot read: " + e.getMessage());
        }
        try {
            JsonNode first = readJson();
            if (first == null) {
                throw error("empty file: no header line");
            }
            this.header = parseHeader(first);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /** Opens a trace and reads its header. */
    public static TraceReader open(Path path) {
        return new TraceReader(path, TraceFormat.MAX_LINE_CHARS);
    }

    /** As {@link #open(Path)} with another line bound (for tests of the bound). */
    static TraceReader open(Path path, int maxLineChars) {
        return new TraceReader(path, maxLineChars);
    }

    public TraceHeader header() {
        return header;
    }

    /** The next step event, then the footer, then null. */
    public TraceEvent next() {
        if (done) {
            return null;
        }
        if (footer != null) {
            JsonNode extra = readJson();
            done = true;
            if (extra != null) {
                throw error("content after the footer: " + TraceFormatException.shorten(lastLine));
            }
            return null;
        }
        JsonNode json = readJson();
        if (json == null) {
            throw error("truncated: the trace ends without a footer line");
        }
        String type = text(json, "type");
        if ("footer".equals(type)) {
            footer = parseFooter(json);
            return footer;
        }
        return parseStep(type, json);
    }

    /** The raw text of the line {@link #next()} last returned (for byte-exact comparisons). */
    public String lastLine() {
        return lastLine;
    }

    /** The number of the line {@link #next()} last returned, from 1 (the header). */
    public long lineNumber() {
        return lineNumber;
    }

    /** The footer, once {@link #next()} has returned it; else null. */
    public TraceFooter footer() {
        return footer;
    }

    public Path path() {
        return path;
    }

    /** Reads a whole file to check it: returns the footer, or throws on the first problem. */
    public static TraceFooter validate(Path path) {
        try (TraceReader reader = open(path)) {
            TraceEvent event;
            while ((event = reader.next()) != null) {
                if (event instanceof TraceFooter) {
                    reader.next(); // checks nothing follows
                    return reader.footer();
                }
            }
            return reader.footer();
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }

    // ---- lines --------------------------------------------------------------------

    private JsonNode readJson() {
        String line;
        try {
            line = lines.readLine();
        } catch (BoundedLineReader.LineTooLongException e) {
            lineNumber++;
            throw error(e.getMessage() + " (the bound of this format)");
        } catch (IOException e) {
            lineNumber++;
            throw error("cannot read (" + e.getClass().getSimpleName() + "): " + e.getMessage());
        }
        if (line == null) {
            return null;
        }
        lineNumber++;
        lastLine = line;
        if (line.isBlank()) {
            throw error("blank line");
        }
        try {
            JsonNode json = MAPPER.readTree(line);
            if (json == null || !json.isObject()) {
                throw error("not a JSON object: " + TraceFormatException.shorten(line));
            }
            return json;
        } catch (JacksonException e) {
            throw error("not JSON (" + TraceFormatException.shorten(e.getOriginalMessage()) + "): " + TraceFormatException.shorten(line));
        }
    }

    private TraceHeader parseHeader(JsonNode json) {
        String type = text(json, "type");
        if (!"header".equals(type)) {
            throw error("field 'type' is '" + TraceFormatException.shorten(type) + "', expected 'header' on the first line");
        }
        String format = text(json, "format");
        if (!TraceFormat.NAME.equals(format)) {
            throw error("field 'format' is '" + TraceFormatException.shorten(format) + "', expected '" + TraceFormat.NAME + "'");
        }
        long version = number(json, "version");
        if (version != TraceFormat.VERSION) {
            throw error("field 'version' is " + version + ", this reader reads version " + TraceFormat.VERSION);
        }
        JsonNode scenario = json.get("scenario");
        if (scenario == null) {
            throw error("missing field 'scenario'");
        }
        return new TraceHeader(text(json, "tool"), number(json, "seed"), (int) number(json, "servers"),
                (int) number(json, "clients"), scenario, text(json, "command"), optionalText(json, "commit"), optionalText(json, "scenarioHash"));
    }

    private TraceFooter parseFooter(JsonNode json) {
        return new TraceFooter(text(json, "result"), optionalText(json, "property"), optionalText(json, "message"),
                number(json, "steps"), number(json, "t"), text(json, "digest"), number(json, "events"));
    }

    private TraceEvent.Step parseStep(String type, JsonNode json) {
        long step = number(json, "step");
        long t = number(json, "t");
        return switch (type) {
            case "start" -> new TraceEvent.Start(step, t, node(json, "node"));
            case "send" -> message(TraceEvent.MessageFate.SEND, step, t, json);
            case "deliver" -> message(TraceEvent.MessageFate.DELIVER, step, t, json);
            case "drop" -> message(TraceEvent.MessageFate.DROP, step, t, json);
            case "duplicate" -> message(TraceEvent.MessageFate.DUPLICATE, step, t, json);
            case "timer" -> new TraceEvent.Timer(step, t, node(json, "node"), (int) number(json, "timer"));
            case "fault" -> new TraceEvent.Fault(step, t, text(json, "kind"), optionalInt(json, "node"), optionalInt(json, "peer"),
                    text(json, "action"), groups(json));
            case "control" -> new TraceEvent.Control(step, t, text(json, "action"));
            case "defer" -> new TraceEvent.Defer(step, t, node(json, "node"));
            case "violation" -> new TraceEvent.Violation(step, t, text(json, "property"), optionalText(json, "message"));
            case "role" -> new TraceEvent.RoleChange(step, t, node(json, "node"), text(json, "from"), text(json, "to"), number(json, "term"));
            case "vote" -> new TraceEvent.VoteGranted(step, t, node(json, "node"), node(json, "candidate"), number(json, "term"), bool(json, "preVote"));
            case "refuse" -> new TraceEvent.VoteRefused(step, t, node(json, "node"), node(json, "candidate"), number(json, "term"), bool(json, "preVote"),
                    refusal(json));
            case "arm" -> new TraceEvent.TimerArmed(step, t, node(json, "node"), (int) number(json, "timer"), number(json, "delay"));
            case "commit" -> new TraceEvent.CommitAdvance(step, t, node(json, "node"), number(json, "from"), number(json, "to"));
            case "progress" -> new TraceEvent.ProgressChange(step, t, node(json, "leader"), node(json, "follower"),
                    number(json, "nextIndex"), number(json, "matchIndex"), text(json, "state"));
            case "append" -> new TraceEvent.LogAppend(step, t, node(json, "node"), number(json, "from"), number(json, "to"), terms(json));
            case "truncate" -> new TraceEvent.LogTruncate(step, t, node(json, "node"), number(json, "from"), number(json, "to"));
            case "apply" -> new TraceEvent.Apply(step, t, node(json, "node"), number(json, "index"), number(json, "term"), text(json, "command"));
            case "restore" -> new TraceEvent.Restore(step, t, node(json, "node"), number(json, "term"), (int) number(json, "votedFor"),
                    number(json, "lastIndex"), number(json, "lastTerm"));
            case "config" -> new TraceEvent.ConfigurationChange(step, t, node(json, "node"), number(json, "index"), servers(json, "voters"),
                    servers(json, "learners"), json.has("outgoing") ? servers(json, "outgoing") : List.of());
            case "snapshot" -> new TraceEvent.SnapshotTake(step, t, node(json, "node"), number(json, "lastIndex"), number(json, "lastTerm"),
                    number(json, "kept"));
            case "install" -> new TraceEvent.SnapshotInstall(step, t, node(json, "node"), node(json, "leader"), number(json, "lastIndex"),
                    number(json, "lastTerm"), bool(json, "retained"));
            case "invoke" -> new TraceEvent.ClientInvoke(step, t, node(json, "client"), number(json, "sequence"), text(json, "operation"));
            case "complete" -> new TraceEvent.ClientComplete(step, t, node(json, "client"), number(json, "sequence"),
                    (int) number(json, "server"), optionalText(json, "result"));
            case "note" -> new TraceEvent.Note(step, t, (int) number(json, "node"), optionalText(json, "text"));
            case "header" -> throw error("field 'type' is 'header' again after the first line");
            default -> throw error("field 'type' has unknown value '" + TraceFormatException.shorten(type) + "'");
        };
    }

    private TraceEvent.Message message(TraceEvent.MessageFate fate, long step, long t, JsonNode json) {
        JsonNode message = json.get("msg");
        if (message == null || !message.isObject()) {
            throw error("field 'msg' is missing or not an object");
        }
        JsonNode term = message.get("term");
        return new TraceEvent.Message(step, t, fate, node(json, "from"), node(json, "to"), text(message, "kind"),
                term != null && term.canConvertToLong() ? term.longValue() : 0,
                fate == TraceEvent.MessageFate.DROP ? text(json, "reason") : null, message);
    }

    // ---- fields ---------------------------------------------------------------------

    private String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isString()) {
            throw error(value == null ? "missing field '" + field + "'"
                    : "field '" + field + "' is " + TraceFormatException.shorten(value.toString()) + ", expected a string");
        }
        return value.stringValue();
    }

    private String optionalText(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : text(json, field);
    }

    private long number(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw error(value == null ? "missing field '" + field + "'"
                    : "field '" + field + "' is " + TraceFormatException.shorten(value.toString()) + ", expected an integer");
        }
        return value.longValue();
    }

    private int node(JsonNode json, String field) {
        long value = number(json, field);
        if (value < 0 || value >= header().servers() + header().clients()) {
            throw error("field '" + field + "' is " + value + ", not a process of this trace (0.."
                    + (header().servers() + header().clients() - 1) + ")");
        }
        return (int) value;
    }

    private int optionalInt(JsonNode json, String field) {
        return json.has(field) ? (int) number(json, field) : -1;
    }

    private boolean bool(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isBoolean()) {
            throw error(value == null ? "missing field '" + field + "'" : "field '" + field + "' is " + TraceFormatException.shorten(value.toString()) + ", expected true or false");
        }
        return value.booleanValue();
    }

    private io.raftsim.harness.event.RaftEvent.VoteRefused.Reason refusal(JsonNode json) {
        String reason = text(json, "reason");
        for (var known : io.raftsim.harness.event.RaftEvent.VoteRefused.Reason.values()) {
            if (known.name().equals(reason)) {
                return known;
            }
        }
        throw error("field 'reason' has unknown value '" + TraceFormatException.shorten(reason) + "'");
    }

    /** A list of server ids, for a configuration's voters or learners. */
    private List<Integer> servers(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isArray()) {
            throw error("field '" + field + "' is missing or not an array");
        }
        List<Integer> servers = new ArrayList<>(value.size());
        for (JsonNode server : value) {
            if (!server.canConvertToInt() || !server.isIntegralNumber() || server.intValue() < 0) {
                throw error("field '" + field + "' holds " + TraceFormatException.shorten(server.toString()) + ", expected a server id");
            }
            servers.add(server.intValue());
        }
        return servers;
    }

    private List<Long> terms(JsonNode json) {
        JsonNode value = json.get("terms");
        if (value == null || !value.isArray()) {
            throw error("field 'terms' is missing or not an array");
        }
        List<Long> terms = new ArrayList<>(value.size());
        for (JsonNode term : value) {
            if (!term.isIntegralNumber()) {
                throw error("field 'terms' holds " + TraceFormatException.shorten(term.toString()) + ", expected an integer");
            }
            terms.add(term.longValue());
        }
        return terms;
    }

    private List<List<Integer>> groups(JsonNode json) {
        JsonNode value = json.get("groups");
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw error("field 'groups' is " + TraceFormatException.shorten(value.toString()) + ", expected an array of arrays");
        }
        List<List<Integer>> groups = new ArrayList<>();
        for (JsonNode group : value) {
            List<Integer> members = new ArrayList<>();
            if (!group.isArray()) {
                throw error("field 'groups' holds " + TraceFormatException.shorten(group.toString()) + ", expected an array");
            }
            for (JsonNode member : group) {
                members.add(member.intValue());
            }
            groups.add(List.copyOf(members));
        }
        return List.copyOf(groups);
    }

    private TraceFormatException error(String problem) {
        return new TraceFormatException(path, lineNumber, problem);
    }

    private void closeQuietly() {
        try {
            lines.close();
        } catch (IOException ignored) {
            // Reading is over; a failed close loses nothing.
        }
    }
}
