package io.raftsim.reports.trace;

import io.raftsim.harness.event.RaftEvent;
import tools.jackson.databind.JsonNode;

import java.util.List;

/**
 * One line of a trace as read back: the {@link TraceHeader} first, then {@link Step} events in
 * the order they happened, then the {@link TraceFooter}. Step events carry the engine step and
 * virtual time (microseconds), never wall-clock time.
 */
public sealed interface TraceEvent permits TraceHeader, TraceFooter, TraceEvent.Step {

    /** An event of the run, at a step and virtual time. */
    sealed interface Step extends TraceEvent {
        long step();

        long timeMicros();
    }

    /** A process started or restarted. */
    record Start(long step, long timeMicros, int node) implements Step {
    }

    /** What happened to a message on the network. */
    enum MessageFate { SEND, DELIVER, DROP, DUPLICATE }

    /**
     * A message sent, delivered, dropped or duplicated. {@code kind} is the message type
     * (AppendEntries, RequestVote...), {@code fields} its fields as written, {@code reason}
     * why a dropped message was lost (else null).
     */
    record Message(long step, long timeMicros, MessageFate fate, int from, int to, String kind, long term,
                   String reason, JsonNode fields) implements Step {
    }

    record Timer(long step, long timeMicros, int node, int timer) implements Step {
    }

    /**
     * A fault applied: {@code kind} is crash, restart, pause, resume, partition, isolate, cut,
     * heal, drift or links; {@code node} the node it names (-1 when none), {@code peer} the far
     * end of a cut link (-1 otherwise), {@code groups} the groups of a partition (else empty).
     */
    record Fault(long step, long timeMicros, String kind, int node, int peer, String action, List<List<Integer>> groups) implements Step {
    }

    record Control(long step, long timeMicros, String action) implements Step {
    }

    /** An event for a paused node was held back until it resumes. */
    record Defer(long step, long timeMicros, int node) implements Step {
    }

    record Violation(long step, long timeMicros, String property, String message) implements Step {
    }

    record RoleChange(long step, long timeMicros, int node, String from, String to, long term) implements Step {
    }

    record VoteGranted(long step, long timeMicros, int node, int candidate, long term, boolean preVote) implements Step {
    }

    /** A vote or pre-vote refused, with the reason (the term, a vote already given, the log check, a live leader). */
    record VoteRefused(long step, long timeMicros, int node, int candidate, long term, boolean preVote,
                       RaftEvent.VoteRefused.Reason reason) implements Step {
    }

    /** A server armed timer {@code timer} to fire after {@code delayMicros} of its local time, or cancelled it ({@code delayMicros == -1}). */
    record TimerArmed(long step, long timeMicros, int node, int timer, long delayMicros) implements Step {
    }

    record CommitAdvance(long step, long timeMicros, int node, long from, long to) implements Step {
    }

    record ProgressChange(long step, long timeMicros, int leader, int follower, long nextIndex, long matchIndex, String state) implements Step {
    }

    record LogAppend(long step, long timeMicros, int node, long from, long to, List<Long> terms) implements Step {
    }

    record LogTruncate(long step, long timeMicros, int node, long from, long to) implements Step {
    }

    record Apply(long step, long timeMicros, int node, long index, long term, String command) implements Step {
    }

    /** A server (re)started from its durable state. */
    /** A node snapshotted its state machine through {@code lastIndex} and compacted its log (§7); {@code kept} entries follow. */
    record SnapshotTake(long step, long timeMicros, int node, long lastIndex, long lastTerm, long kept) implements Step {
    }

    /** A node installed {@code leader}'s snapshot through {@code lastIndex} (Figure 13), keeping the log after it when {@code retained}. */
    record SnapshotInstall(long step, long timeMicros, int node, int leader, long lastIndex, long lastTerm, boolean retained) implements Step {
    }

    record Restore(long step, long timeMicros, int node, long term, int votedFor, long lastIndex, long lastTerm) implements Step {
    }

    /**
     * The configuration a server uses changed (dissertation §4.1): the entry at {@code index} (0: the
     * initial one) holds it. While it is joint (§4.3), {@code voters} are C_new's and {@code outgoing}
     * C_old's; otherwise {@code outgoing} is empty.
     */
    record ConfigurationChange(long step, long timeMicros, int node, long index, List<Integer> voters, List<Integer> learners,
                               List<Integer> outgoing) implements Step {
        public ConfigurationChange {
            voters = List.copyOf(voters);
            learners = List.copyOf(learners);
            outgoing = List.copyOf(outgoing);
        }

        public ConfigurationChange(long step, long timeMicros, int node, long index, List<Integer> voters, List<Integer> learners) {
            this(step, timeMicros, node, index, voters, learners, List.of());
        }
    }

    record ClientInvoke(long step, long timeMicros, int client, long sequence, String operation) implements Step {
    }

    record ClientComplete(long step, long timeMicros, int client, long sequence, int server, String result) implements Step {
    }

    /** A process event of a kind this format does not model, kept as text. */
    record Note(long step, long timeMicros, int node, String text) implements Step {
    }
}
