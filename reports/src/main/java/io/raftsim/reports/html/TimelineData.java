package io.raftsim.reports.html;

import io.raftsim.harness.event.RaftEvent;
import io.raftsim.reports.narration.CommandText;
import io.raftsim.reports.narration.Narration;
import io.raftsim.reports.narration.Narrator;
import io.raftsim.reports.narration.ScenarioNote;
import io.raftsim.reports.trace.TraceEvent;
import io.raftsim.reports.trace.TraceFooter;
import io.raftsim.reports.trace.TraceHeader;
import io.raftsim.reports.trace.TraceReader;
import tools.jackson.databind.JsonNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reduces a trace, as it streams by, to what the timeline page embeds: the state events that
 * rebuild every server (roles, terms, votes, logs, commit indexes, leader progress, crashes,
 * pauses, network faults, votes granted and refused, election timers, applies, client
 * operations), the messages between servers and clients as arrows, the command of every log
 * entry seen (by index and term: Log Matching, §5.3, makes the pair name one entry), and the
 * run's narration ({@link Narrator}). All are bounded, so a
 * huge trace gives a page of bounded size: past {@link #maxStateEvents} state events the
 * page stops (and says where); only the last {@link #maxArrows} arrows are kept (and the page
 * says how many there were).
 */
final class TimelineData {
    static final int DEFAULT_MAX_STATE_EVENTS = 400_000;
    static final int DEFAULT_MAX_ARROWS = 20_000;
    /** Sends not yet matched to a delivery; past this many the oldest are forgotten. */
    private static final int MAX_PENDING_SENDS = 100_000;
    /** Log entries whose command the page can show on hover; later ones show their term only. */
    static final int MAX_COMMANDS = 100_000;

    private final int maxStateEvents;
    private final int maxArrows;
    private TraceHeader header;
    private TraceFooter footer;
    private TraceEvent.Violation violation;
    private final StringBuilder stateEvents = new StringBuilder(1 << 16);
    private long stateEventCount;
    private long stateEventsDropped;
    private long stateCappedAtStep = -1;
    private final ArrayDeque<String> arrows = new ArrayDeque<>();
    /** Arrows made (deliveries and drops between servers), of which the last {@link #maxArrows} are kept. */
    private long messageCount;
    private long lastStep;
    private long lastTimeMicros;
    /** Matching a delivery to its send: the same (from, to, content) in first-in-first-out order. Never iterated. */
    private final Map<String, ArrayDeque<long[]>> pendingSends = new HashMap<>();
    private int pendingCount;
    private final StringBuilder scratch = new StringBuilder(256);
    /** "index:term" -> command, for lookups only (never iterated); {@link #commandOrder} keeps the output order. */
    private final Map<String, String> commands = new HashMap<>();
    private final List<String> commandOrder = new ArrayList<>();
    private Narrator narrator;

    TimelineData(int maxStateEvents, int maxArrows) {
        this.maxStateEvents = maxStateEvents;
        this.maxArrows = maxArrows;
    }

    static TimelineData read(TraceReader reader, int maxStateEvents, int maxArrows) {
        TimelineData data = new TimelineData(maxStateEvents, maxArrows);
        data.header = reader.header();
        data.narrator = new Narrator(data.header.servers(), data.header.scenario(), data::command);
        TraceEvent event;
        while ((event = reader.next()) != null) {
            if (event instanceof TraceFooter f) {
                data.footer = f;
            } else if (event instanceof TraceEvent.Step step) {
                data.add(step);
            }
        }
        return data;
    }

    private void add(TraceEvent.Step event) {
        lastStep = event.step();
        lastTimeMicros = event.timeMicros();
        if (event instanceof TraceEvent.Message m) {
            if (m.fate() == TraceEvent.MessageFate.SEND && "AppendEntries".equals(m.kind())) {
                rememberCommands(m.fields().get("entries"));
            }
            narrator.add(m);
            message(m);
            return;
        }
        if (event instanceof TraceEvent.Apply e) {
            rememberCommand(e.index(), e.term(), e.command());
        }
        narrator.add(event);
        if (event instanceof TraceEvent.Violation v) {
            violation = v;
        }
        scratch.setLength(0);
        if (event instanceof TraceEvent.RoleChange e) {
            begin(e, "r").append(e.node()).append(',').append(roleCode(e.to())).append(',').append(e.term());
        } else if (event instanceof TraceEvent.VoteGranted e) {
            // "v" changes the voter's state; "g" (a pre-vote) only marks the lane (§9.6: no state changes).
            begin(e, e.preVote() ? "g" : "v").append(e.node()).append(',').append(e.candidate()).append(',').append(e.term());
        } else if (event instanceof TraceEvent.VoteRefused e) {
            begin(e, "n").append(e.node()).append(',').append(e.candidate()).append(',').append(e.term()).append(',')
                    .append(e.preVote() ? 1 : 0).append(",\"").append(e.reason().name()).append('"');
        } else if (event instanceof TraceEvent.TimerArmed e && e.timer() == RaftEvent.ELECTION_TIMER) {
            begin(e, "T").append(e.node()).append(',').append(e.delayMicros());
        } else if (event instanceof TraceEvent.Apply e) {
            begin(e, "y").append(e.node()).append(',').append(e.index()).append(',').append(e.term());
        } else if (event instanceof TraceEvent.ClientInvoke e) {
            begin(e, "i").append(e.client()).append(',').append(e.sequence()).append(',');
            Html.appendJsonString(scratch, CommandText.readable(e.operation()));
        } else if (event instanceof TraceEvent.ClientComplete e) {
            begin(e, "o").append(e.client()).append(',').append(e.sequence()).append(',').append(e.server()).append(',');
            Html.appendJsonString(scratch, e.result());
        } else if (event instanceof TraceEvent.LogAppend e) {
            begin(e, "a").append(e.node()).append(',').append(e.from()).append(",[");
            for (int i = 0; i < e.terms().size(); i++) {
                scratch.append(i == 0 ? "" : ",").append(e.terms().get(i).longValue());
            }
            scratch.append(']');
        } else if (event instanceof TraceEvent.LogTruncate e) {
            begin(e, "x").append(e.node()).append(',').append(e.from());
        } else if (event instanceof TraceEvent.CommitAdvance e) {
            begin(e, "c").append(e.node()).append(',').append(e.to());
        } else if (event instanceof TraceEvent.ProgressChange e) {
            begin(e, "p").append(e.leader()).append(',').append(e.follower()).append(',').append(e.nextIndex()).append(',').append(e.matchIndex());
        } else if (event instanceof TraceEvent.SnapshotTake e) {
            begin(e, "k").append(e.node()).append(',').append(e.lastIndex()).append(',').append(e.lastTerm()).append(',').append(e.kept());
        } else if (event instanceof TraceEvent.SnapshotInstall e) {
            begin(e, "K").append(e.node()).append(',').append(e.leader()).append(',').append(e.lastIndex()).append(',')
                    .append(e.lastTerm()).append(',').append(e.retained() ? 1 : 0);
        } else if (event instanceof TraceEvent.Restore e) {
            begin(e, "s").append(e.node()).append(',').append(e.term()).append(',').append(e.votedFor()).append(',')
                    .append(e.lastIndex()).append(',').append(e.lastTerm());
        } else if (event instanceof TraceEvent.ConfigurationChange e) {
            begin(e, "m").append(e.node()).append(',').append(e.index()).append(",[");
            for (int i = 0; i < e.voters().size(); i++) {
                scratch.append(i == 0 ? "" : ",").append(e.voters().get(i).intValue());
            }
            scratch.append("],[");
            for (int i = 0; i < e.learners().size(); i++) {
                scratch.append(i == 0 ? "" : ",").append(e.learners().get(i).intValue());
            }
            scratch.append(']');
            if (!e.outgoing().isEmpty()) {
                // A joint configuration's outgoing voters (§4.3), only then: other pages keep their bytes.
                scratch.append(",[");
                for (int i = 0; i < e.outgoing().size(); i++) {
                    scratch.append(i == 0 ? "" : ",").append(e.outgoing().get(i).intValue());
                }
                scratch.append(']');
            }
        } else if (event instanceof TraceEvent.Fault e) {
            begin(e, "f");
            Html.appendJsonString(scratch, e.kind());
            scratch.append(',').append(e.node()).append(',').append(e.peer()).append(',');
            Html.appendJsonString(scratch, e.action());
            scratch.append(",[");
            for (int g = 0; g < e.groups().size(); g++) {
                scratch.append(g == 0 ? "[" : ",[");
                for (int i = 0; i < e.groups().get(g).size(); i++) {
                    scratch.append(i == 0 ? "" : ",").append(e.groups().get(g).get(i).intValue());
                }
                scratch.append(']');
            }
            scratch.append(']');
        } else if (event instanceof TraceEvent.Violation e) {
            begin(e, "V");
            Html.appendJsonString(scratch, e.property());
            scratch.append(',');
            Html.appendJsonString(scratch, e.message());
        } else {
            return; // timers firing, heartbeat timers, process notes and the rest change nothing the page draws
        }
        scratch.append(']');
        if (stateEventCount >= maxStateEvents) {
            if (stateCappedAtStep < 0) {
                stateCappedAtStep = event.step();
            }
            stateEventsDropped++;
            return;
        }
        if (stateEventCount > 0) {
            stateEvents.append(",\n");
        }
        stateEvents.append(scratch);
        stateEventCount++;
    }

    private StringBuilder begin(TraceEvent.Step event, String code) {
        return scratch.append('[').append(event.step()).append(',').append(event.timeMicros()).append(",\"").append(code).append("\",");
    }

    private void rememberCommands(JsonNode entries) {
        if (entries == null) {
            return;
        }
        for (JsonNode entry : entries) {
            rememberCommand(entry.path("index").asLong(), entry.path("term").asLong(), entry.path("command").asString());
        }
    }

    private void rememberCommand(long index, long term, String command) {
        if (commands.size() >= MAX_COMMANDS) {
            return;
        }
        String key = index + ":" + term;
        if (commands.putIfAbsent(key, command) == null) {
            commandOrder.add(key);
        }
    }

    /** The command of the entry at (index, term), or null when no message or apply has shown it. */
    String command(long index, long term) {
        return commands.get(index + ":" + term);
    }

    private static int roleCode(String role) {
        return switch (role) {
            case "FOLLOWER" -> 0;
            case "PRE_CANDIDATE" -> 1;
            case "CANDIDATE" -> 2;
            case "LEADER" -> 3;
            default -> 0;
        };
    }

    private void message(TraceEvent.Message m) {
        String key = m.from() + ">" + m.to() + ":" + m.fields();
        switch (m.fate()) {
            case SEND, DUPLICATE -> {
                if (pendingCount >= MAX_PENDING_SENDS) {
                    pendingSends.clear(); // only arrows of very old, undelivered sends are lost
                    pendingCount = 0;
                }
                pendingSends.computeIfAbsent(key, k -> new ArrayDeque<>(2)).addLast(new long[]{m.step(), m.timeMicros()});
                pendingCount++;
            }
            case DELIVER -> arrow(m, takeSend(key), false);
            case DROP -> {
                arrow(m, takeSend(key), true); // no send to match when it was lost as it was sent
            }
        }
    }

    private long[] takeSend(String key) {
        ArrayDeque<long[]> queue = pendingSends.get(key);
        if (queue == null) {
            return null;
        }
        long[] sent = queue.pollFirst();
        pendingCount--;
        if (queue.isEmpty()) {
            pendingSends.remove(key);
        }
        return sent;
    }

    private void arrow(TraceEvent.Message m, long[] sent, boolean dropped) {
        long sendStep = sent != null ? sent[0] : m.step();
        long sendTime = sent != null ? sent[1] : m.timeMicros();
        StringBuilder a = new StringBuilder(96);
        a.append('[').append(sendStep).append(',').append(sendTime).append(',').append(m.step()).append(',').append(m.timeMicros())
                .append(',').append(m.from()).append(',').append(m.to()).append(',');
        Html.appendJsonString(a, kind(m));
        a.append(',');
        Html.appendJsonString(a, label(m));
        a.append(',').append(dropped ? 1 : 0).append(',');
        Html.appendJsonString(a, dropped ? m.reason() : null);
        a.append(']');
        arrows.addLast(a.toString());
        messageCount++;
        if (arrows.size() > maxArrows) {
            arrows.removeFirst();
        }
    }

    /**
     * The model's own names, and any implementation's messages by what they are in Raft's terms
     * (the trace's {@code raft} field), so every implementation's votes, heartbeats and
     * redirects get the same colours and lanes.
     */
    private static String kind(TraceEvent.Message m) {
        JsonNode fields = m.fields();
        if (!MODEL_KINDS.contains(m.kind()) && fields.has("raft")) {
            return switch (fields.path("raft").asString()) {
                case "VOTE_REQUEST" -> "RequestVote";
                case "PRE_VOTE_REQUEST" -> "PreVote";
                case "VOTE_REPLY" -> "RequestVoteReply";
                case "PRE_VOTE_REPLY" -> "PreVoteReply";
                case "APPEND_REQUEST" -> fields.path("entries").size() > 0 ? "AppendEntries" : "Heartbeat";
                case "APPEND_REPLY" -> "AppendEntriesReply";
                case "SNAPSHOT_REQUEST" -> "InstallSnapshot";
                case "SNAPSHOT_REPLY" -> "InstallSnapshotReply";
                case "CLIENT_REQUEST" -> "ClientRequest";
                case "CLIENT_REPLY" -> "NOT_LEADER".equals(fields.path("status").asString()) ? "Redirect" : "ClientReply";
                default -> m.kind();
            };
        }
        if ("AppendEntries".equals(m.kind())) {
            JsonNode entries = fields.get("entries");
            return entries != null && entries.size() > 0 ? "AppendEntries" : "Heartbeat";
        }
        if ("ClientReply".equals(m.kind()) && "NOT_LEADER".equals(fields.path("status").asString())) {
            return "Redirect";
        }
        if ("RequestVote".equals(m.kind()) || "RequestVoteReply".equals(m.kind())) {
            JsonNode preVote = fields.get("preVote");
            if (preVote != null && preVote.booleanValue()) {
                return "RequestVote".equals(m.kind()) ? "PreVote" : "PreVoteReply";
            }
        }
        return m.kind();
    }

    private static String label(TraceEvent.Message m) {
        JsonNode f = m.fields();
        return switch (m.kind()) {
            case "AppendEntries" -> {
                JsonNode entries = f.get("entries");
                int count = entries == null ? 0 : entries.size();
                long prev = f.path("prevLogIndex").asLong();
                yield "AppendEntries t" + m.term() + " prev=" + prev + ":" + f.path("prevLogTerm").asLong()
                        + (count == 0 ? " heartbeat" : " entries " + (prev + 1) + ".." + (prev + count)) + " commit=" + f.path("leaderCommit").asLong();
            }
            case "AppendEntriesReply" -> "AppendEntriesReply t" + m.term() + (f.path("success").asBoolean()
                    ? " ok match=" + f.path("matchIndex").asLong() : " reject prev=" + f.path("rejectedPrevLogIndex").asLong());
            case "RequestVote" -> (f.path("preVote").asBoolean() ? "PreVote" : "RequestVote") + " t" + m.term()
                    + " last=" + f.path("lastLogIndex").asLong() + ":" + f.path("lastLogTerm").asLong();
            case "RequestVoteReply" -> (f.path("preVote").asBoolean() ? "PreVoteReply" : "RequestVoteReply") + " t" + m.term()
                    + (f.path("voteGranted").asBoolean() ? " granted" : " refused");
            case "ClientRequest" -> "ClientRequest #" + f.path("sequence").asLong() + " " + CommandText.readable(f.path("command").asString());
            case "ClientReply" -> "NOT_LEADER".equals(f.path("status").asString())
                    ? "ClientReply #" + f.path("sequence").asLong() + " not leader" + (f.path("leaderHint").asInt(-1) >= 0 ? ", try n" + (f.path("leaderHint").asInt() + 1) : "")
                    : "ClientReply #" + f.path("sequence").asLong() + " ok " + (f.path("result").isNull() ? "" : f.path("result").asString());
            default -> f.has("text") ? m.kind() + " " + f.path("text").asString() : generic(m);
        };
    }

    private static final java.util.Set<String> MODEL_KINDS = new java.util.TreeSet<>(java.util.List.of(
            "AppendEntries", "AppendEntriesReply", "RequestVote", "RequestVoteReply", "ClientRequest", "ClientReply"));

    /** Another implementation's message: its own name, term and scalar fields, as its codec's view wrote them. */
    private static String generic(TraceEvent.Message m) {
        StringBuilder text = new StringBuilder(m.kind());
        if (m.term() > 0) {
            text.append(" t").append(m.term());
        }
        for (var field : m.fields().properties()) {
            String name = field.getKey();
            if (!name.equals("kind") && !name.equals("raft") && !name.equals("term") && field.getValue().isValueNode()) {
                text.append(' ').append(name).append('=').append(field.getValue().asString());
            }
        }
        JsonNode entries = m.fields().get("entries");
        if (entries != null && entries.size() > 0) {
            text.append(" entries ").append(entries.get(0).path("index").asLong()).append("..").append(entries.get(entries.size() - 1).path("index").asLong());
        }
        return text.toString();
    }

    /** Scenario name and seed, for the page title (escaped by the caller). */
    String title() {
        return (header.scenarioName().isEmpty() ? "run" : header.scenarioName()) + " seed " + header.seed();
    }

    /** The page's data as one JSON object. */
    String toJson() {
        StringBuilder out = new StringBuilder(stateEvents.length() + arrows.size() * 100 + 4096);
        out.append("{\"meta\":{");
        out.append("\"scenario\":");
        Html.appendJsonString(out, header.scenarioName());
        out.append(",\"seed\":");
        Html.appendJsonString(out, Long.toString(header.seed()));
        out.append(",\"tool\":");
        Html.appendJsonString(out, header.tool());
        out.append(",\"command\":");
        Html.appendJsonString(out, header.command());
        out.append(",\"servers\":").append(header.servers()).append(",\"clients\":").append(header.clients());
        out.append(",\"result\":");
        Html.appendJsonString(out, footer == null ? "UNKNOWN" : footer.result());
        out.append(",\"property\":");
        Html.appendJsonString(out, footer == null ? null : footer.property());
        out.append(",\"message\":");
        Html.appendJsonString(out, footer == null ? null : footer.message());
        out.append(",\"digest\":");
        Html.appendJsonString(out, footer == null ? null : footer.digest());
        out.append(",\"steps\":").append(footer == null ? lastStep : Math.max(lastStep, footer.steps()));
        out.append(",\"endT\":").append(footer == null ? lastTimeMicros : Math.max(lastTimeMicros, footer.timeMicros()));
        out.append(",\"violation\":");
        if (violation == null) {
            out.append("null");
        } else {
            out.append("{\"step\":").append(violation.step()).append(",\"t\":").append(violation.timeMicros()).append(",\"property\":");
            Html.appendJsonString(out, violation.property());
            out.append(",\"message\":");
            Html.appendJsonString(out, violation.message());
            out.append('}');
        }
        out.append(",\"messagesTotal\":").append(messageCount).append(",\"messagesShown\":").append(arrows.size());
        out.append(",\"stateCappedAtStep\":").append(stateCappedAtStep).append(",\"stateEventsDropped\":").append(stateEventsDropped);
        List<ScenarioNote> unmet = narrator.unmet();
        out.append(",\"notesUnmet\":[");
        for (int i = 0; i < unmet.size(); i++) {
            out.append(i == 0 ? "" : ",");
            Html.appendJsonString(out, unmet.get(i).text());
        }
        out.append("],\"notesDropped\":").append(narrator.generatedDropped());
        out.append(",\"commandsKept\":").append(commands.size()).append(",\"commandsMax\":").append(MAX_COMMANDS);
        out.append("},\n\"notes\":[");
        List<Narration> notes = narrator.notes();
        for (int i = 0; i < notes.size(); i++) {
            Narration note = notes.get(i);
            out.append(i == 0 ? "" : ",\n").append('[').append(note.step()).append(',').append(note.timeMicros()).append(',')
                    .append(note.source() == Narration.Source.SCENARIO ? 0 : 1).append(',');
            Html.appendJsonString(out, note.text());
            out.append(']');
        }
        out.append("],\n\"cmd\":[");
        for (int i = 0; i < commandOrder.size(); i++) {
            String key = commandOrder.get(i);
            int colon = key.indexOf(':');
            out.append(i == 0 ? "" : ",").append('[').append(key, 0, colon).append(',').append(key, colon + 1, key.length()).append(',');
            Html.appendJsonString(out, commands.get(key));
            out.append(']');
        }
        out.append("],\n\"ev\":[").append(stateEvents).append("],\n\"msg\":[");
        boolean first = true;
        for (String arrow : arrows) {
            out.append(first ? "" : ",\n").append(arrow);
            first = false;
        }
        out.append("]}");
        return out.toString();
    }
}
