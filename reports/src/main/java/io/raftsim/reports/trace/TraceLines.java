package io.raftsim.reports.trace;

import io.raftsim.harness.client.ClientEvent;
import io.raftsim.harness.event.RaftEvent;
import io.raftsim.harness.spi.MessageView;
import io.raftsim.harness.wire.Packet;
import io.raftsim.sim.engine.Violation;
import io.raftsim.sim.fault.FaultAction;
import io.raftsim.sim.trace.TraceRecord;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * The canonical text of every trace line: fields in a fixed order, numbers as Java prints
 * them, strings escaped one way. The writer and {@link ReplayCheckSink} share it, so the
 * same run gives byte-identical traces and a replay can compare line by line.
 * Not thread-safe: one instance per writer or checker.
 */
public final class TraceLines {
    /** Drop reasons the engine gives when a message is lost as it is sent (the record names sender then receiver). */
    private static final List<String> SEND_SIDE_DROPS = List.of("link cut", "lost", "link full");
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final JsonLine json = new JsonLine();

    public String header(TraceHeader header) {
        return json.begin()
                .field("type", "header")
                .field("format", TraceFormat.NAME)
                .field("version", TraceFormat.VERSION)
                .field("tool", header.tool())
                .field("seed", header.seed())
                .field("servers", header.servers())
                .field("clients", header.clients())
                .field("command", header.command())
                .field("commit", header.commit())
                .field("scenarioHash", header.scenarioHash())
                .raw("scenario", escapeForHtml(MAPPER.writeValueAsString(header.scenario())))
                .end();
    }

    public String footer(TraceFooter footer) {
        return json.begin()
                .field("type", "footer")
                .field("result", footer.result())
                .field("property", footer.property())
                .field("message", footer.message())
                .field("steps", footer.steps())
                .field("t", footer.timeMicros())
                .field("digest", footer.digest())
                .field("events", footer.events())
                .end();
    }

    /** The line of one engine record. */
    public String event(TraceRecord record) {
        json.begin();
        switch (record.kind()) {
            case START -> stepFields("start", record).field("node", record.node());
            case SEND -> message("send", record, record.node(), record.peer(), null);
            case DUPLICATE -> message("duplicate", record, record.node(), record.peer(), null);
            case DELIVER -> message("deliver", record, record.peer(), record.node(), null);
            case DROP -> {
                boolean sendSide = SEND_SIDE_DROPS.contains(record.detail());
                message("drop", record, sendSide ? record.node() : record.peer(), sendSide ? record.peer() : record.node(), record.detail());
            }
            case TIMER -> stepFields("timer", record).field("node", record.node()).field("timer", parseTimer(record.detail()));
            case FAULT -> fault(record);
            case CONTROL -> stepFields("control", record).field("action", record.detail());
            case DEFER -> stepFields("defer", record).field("node", record.node());
            case VIOLATION -> violation(record);
            case PROCESS -> process(record);
        }
        return json.end();
    }

    private JsonLine stepFields(String type, TraceRecord record) {
        return json.field("type", type).field("step", record.step()).field("t", record.timeMicros());
    }

    private void message(String type, TraceRecord record, int from, int to, String reason) {
        stepFields(type, record).field("from", from).field("to", to);
        if (reason != null) {
            json.field("reason", reason);
        }
        json.object("msg");
        Object payload = record.payload();
        if (payload instanceof Packet packet) {
            // Any implementation's message, as its codec describes it: kind first, then its fields in order.
            MessageView view = packet.view();
            json.field("kind", view.type()).field("raft", view.kind().name());
            for (MessageView.Field field : view.fields()) {
                Object value = field.value();
                if (value instanceof Long number) {
                    json.field(field.name(), number.longValue());
                } else if (value instanceof Integer number) {
                    json.field(field.name(), number.intValue());
                } else if (value instanceof Boolean flag) {
                    json.field(field.name(), flag.booleanValue());
                } else {
                    json.field(field.name(), value == null ? null : value.toString());
                }
            }
            if (!view.entries().isEmpty() || view.kind() == MessageView.Kind.APPEND_REQUEST) {
                json.array("entries");
                for (MessageView.EntryView entry : view.entries()) {
                    json.element().field("index", entry.index()).field("term", entry.term()).field("command", entry.command()).endElement();
                }
                json.endArray();
            }
        } else {
            // A message of another protocol (the engine's toy gossip): its summary only.
            json.field("kind", payload == null ? "unknown" : payload.getClass().getSimpleName()).field("text", record.detail());
        }
        json.endObject();
    }

    private void fault(TraceRecord record) {
        stepFields("fault", record);
        Object payload = record.payload();
        if (payload instanceof FaultAction.Crash f) {
            json.field("kind", "crash").field("node", f.node());
        } else if (payload instanceof FaultAction.Restart f) {
            json.field("kind", "restart").field("node", f.node());
        } else if (payload instanceof FaultAction.Pause f) {
            json.field("kind", "pause").field("node", f.node());
        } else if (payload instanceof FaultAction.Resume f) {
            json.field("kind", "resume").field("node", f.node());
        } else if (payload instanceof FaultAction.Isolate f) {
            json.field("kind", "isolate").field("node", f.node());
        } else if (payload instanceof FaultAction.Reconnect f) {
            json.field("kind", "reconnect").field("node", f.node());
        } else if (payload instanceof FaultAction.Cut f) {
            json.field("kind", "cut").field("node", f.from()).field("peer", f.to());
        } else if (payload instanceof FaultAction.Drift f) {
            json.field("kind", "drift").field("node", f.node()).field("rate", f.rate());
        } else if (payload instanceof FaultAction.Partition f) {
            json.field("kind", "partition").raw("groups", groups(f.groups()));
        } else if (payload instanceof FaultAction.Heal) {
            json.field("kind", "heal");
        } else if (payload instanceof FaultAction.SetLinks) {
            json.field("kind", "links");
        } else {
            json.field("kind", "other");
        }
        json.field("action", record.detail());
    }

    private static String groups(List<List<Integer>> groups) {
        StringBuilder text = new StringBuilder("[");
        for (int g = 0; g < groups.size(); g++) {
            text.append(g == 0 ? "[" : ",[");
            List<Integer> group = groups.get(g);
            for (int i = 0; i < group.size(); i++) {
                text.append(i == 0 ? "" : ",").append(group.get(i).intValue());
            }
            text.append(']');
        }
        return text.append(']').toString();
    }

    private void violation(TraceRecord record) {
        stepFields("violation", record);
        if (record.payload() instanceof Violation v) {
            json.field("property", v.property()).field("message", v.message());
        } else {
            json.field("property", "unknown").field("message", record.detail());
        }
    }

    private void process(TraceRecord record) {
        Object payload = record.payload();
        if (payload instanceof RaftEvent.RoleChanged e) {
            stepFields("role", record).field("node", e.node()).field("from", e.from().name()).field("to", e.to().name()).field("term", e.term());
        } else if (payload instanceof RaftEvent.VoteGranted e) {
            stepFields("vote", record).field("node", e.node()).field("candidate", e.candidate()).field("term", e.term()).field("preVote", e.preVote());
        } else if (payload instanceof RaftEvent.VoteRefused e) {
            stepFields("refuse", record).field("node", e.node()).field("candidate", e.candidate()).field("term", e.term())
                    .field("preVote", e.preVote()).field("reason", e.reason().name());
        } else if (payload instanceof RaftEvent.TimerArmed e) {
            stepFields("arm", record).field("node", e.node()).field("timer", e.timer()).field("delay", e.delayMicros());
        } else if (payload instanceof RaftEvent.CommitAdvanced e) {
            stepFields("commit", record).field("node", e.node()).field("from", e.fromIndex()).field("to", e.toIndex());
        } else if (payload instanceof RaftEvent.ProgressChanged e) {
            stepFields("progress", record).field("leader", e.leader()).field("follower", e.follower())
                    .field("nextIndex", e.nextIndex()).field("matchIndex", e.matchIndex()).field("state", e.state().name());
        } else if (payload instanceof RaftEvent.LogAppended e) {
            stepFields("append", record).field("node", e.node()).field("from", e.fromIndex()).field("to", e.toIndex()).longs("terms", e.terms());
        } else if (payload instanceof RaftEvent.LogTruncated e) {
            stepFields("truncate", record).field("node", e.node()).field("from", e.fromIndex()).field("to", e.previousLastIndex());
        } else if (payload instanceof RaftEvent.Applied e) {
            stepFields("apply", record).field("node", e.node()).field("index", e.index()).field("term", e.term()).field("command", e.command());
        } else if (payload instanceof RaftEvent.SnapshotTaken e) {
            stepFields("snapshot", record).field("node", e.node()).field("lastIndex", e.lastIndex()).field("lastTerm", e.lastTerm())
                    .field("kept", e.keptEntries());
        } else if (payload instanceof RaftEvent.SnapshotInstalled e) {
            stepFields("install", record).field("node", e.node()).field("leader", e.leader()).field("lastIndex", e.lastIndex())
                    .field("lastTerm", e.lastTerm()).field("retained", e.logRetained());
        } else if (payload instanceof RaftEvent.Restored e) {
            stepFields("restore", record).field("node", e.node()).field("term", e.term()).field("votedFor", e.votedFor())
                    .field("lastIndex", e.lastIndex()).field("lastTerm", e.lastTerm());
        } else if (payload instanceof RaftEvent.ConfigurationChanged e) {
            JsonLine fields = stepFields("config", record).field("node", e.node()).field("index", e.index()).ints("voters", e.voters()).ints("learners", e.learners());
            if (!e.outgoingVoters().isEmpty()) {
                fields.ints("outgoing", e.outgoingVoters()); // only while joint (§4.3): other traces keep their bytes
            }
        } else if (payload instanceof ClientEvent.Invoked e) {
            stepFields("invoke", record).field("client", e.client()).field("sequence", e.sequence()).field("operation", e.operation());
        } else if (payload instanceof ClientEvent.Completed e) {
            stepFields("complete", record).field("client", e.client()).field("sequence", e.sequence()).field("server", e.server()).field("result", e.result());
        } else {
            stepFields("note", record).field("node", record.node()).field("text", record.detail());
        }
    }

    private static long parseTimer(String detail) {
        try {
            return Long.parseLong(detail);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Jackson leaves {@code <} and {@code >} as they are; escape them so scenario text cannot close an HTML script element. */
    private static String escapeForHtml(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }
}
