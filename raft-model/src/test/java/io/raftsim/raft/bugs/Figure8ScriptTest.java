package io.raftsim.raft.bugs;

import io.raftsim.harness.RaftConfig;
import io.raftsim.harness.check.SafetyMonitor;
import io.raftsim.harness.check.SafetyProperty;
import io.raftsim.harness.kv.Put;
import io.raftsim.raft.log.Command;
import io.raftsim.raft.log.LogEntry;
import io.raftsim.raft.message.MessageCodecs;
import io.raftsim.harness.check.NodeProbe;
import io.raftsim.harness.cluster.LogMirror;
import io.raftsim.raft.message.RaftMessage;
import io.raftsim.raft.node.Effects;
import io.raftsim.raft.node.HardState;
import io.raftsim.raft.node.RaftNode;
import io.raftsim.raft.node.RaftTimers;
import io.raftsim.harness.spi.Role;
import io.raftsim.sim.engine.Violation;
import io.raftsim.sim.random.RandomStream;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * COMMIT_PREVIOUS_TERM_BY_COUNTING is rare in random runs because of the §8 no-op: a new
 * leader's append carries its own term's no-op together with the older entries whenever they fit
 * in one append, so a follower's acknowledgement covers both and the entry of the leader's term
 * commits them all (a follower further behind still acknowledges older entries alone first:
 * NoOpBehindAFullBatchTest in the scenarios module). Over
 * 2,000 swarm seeds in 5 ranges (and with one entry per append, crash-heavy profiles) no run
 * exposed it. So this test plays Figure 8 itself, message by message, on five real nodes
 * with one entry per AppendEntries, and shows that the bug lets a leader commit an entry that
 * a later leader then lacks, while the correct rule waits.
 *
 * <p>The fault schedule, for a catalogue scenario (servers s1..s5, one entry per append):
 * s1 leads term 1 and commits its no-op everywhere; s1 appends X and replicates it to s2
 * only; crash s1; s5 is elected in term 2 by s3, s4 and crashes before its no-op leaves it;
 * restart s1; s1 is elected in term 3 by s2, s3, s4; s1's no-op reaches s2, its probe
 * brings X to s3; crash s1 before its no-op reaches s3; restart s5, which is elected in
 * term 4 by s3 and s4 (its last term 2 beats their 1). With the bug s1 committed X in term 3
 * and s5 leads term 4 without it: Leader Completeness.
 */
class Figure8ScriptTest {
    private static final int SERVERS = 5;
    private static final RaftConfig ONE_ENTRY_PER_APPEND = RaftConfig.defaults(SERVERS).withBatching(1, 1);

    /** Five nodes, a message queue per directed link, and crashes that keep what a node persisted. */
    private static final class Script {
        final SafetyMonitor monitor = new SafetyMonitor(SERVERS);
        /** The harness's copy of each log, across crashes, and a probe over each node: the monitor sees what a cluster shows it. */
        final LogMirror[] mirrors = new LogMirror[SERVERS];
        final NodeProbe[] probes = new NodeProbe[SERVERS];
        final Set<Bug> bugs;
        final RaftNode[] nodes = new RaftNode[SERVERS];
        final Effects[] effects = new Effects[SERVERS];
        final HardState[] persistedHardState = new HardState[SERVERS];
        final List<List<LogEntry>> persistedLog = new ArrayList<>();
        @SuppressWarnings("unchecked")
        final ArrayDeque<RaftMessage>[][] links = new ArrayDeque[SERVERS][SERVERS];
        long nowMicros = 1_000;
        /** s1's commit index when it crashes the second time: 2 if it counted X (term 1) as committed. */
        long s1CommitIndexAtSecondCrash;

        Script(Set<Bug> bugs) {
            this.bugs = bugs;
            for (int id = 0; id < SERVERS; id++) {
                mirrors[id] = new LogMirror();
            }
            monitor.attach(null, mirrors);
            for (int id = 0; id < SERVERS; id++) {
                persistedHardState[id] = HardState.INITIAL;
                persistedLog.add(List.of());
                for (int to = 0; to < SERVERS; to++) {
                    links[id][to] = new ArrayDeque<>();
                }
                start(id);
            }
        }

        void start(int id) {
            effects[id] = new Effects(false);
            nodes[id] = new RaftNode(id, ONE_ENTRY_PER_APPEND, persistedHardState[id], persistedLog.get(id),
                    new RandomStream(id + 1), effects[id], PlantedRules.plant(bugs));
            nodes[id].start(nowMicros);
            probes[id] = new NodeProbe(nodes[id]);
            monitor.started(id, probes[id]);
            afterInput(id);
        }

        /** What the server does after each input: everything is persisted, then messages are queued. */
        void afterInput(int id) {
            afterInput(id, -1, null);
        }

        /** As the harness ends a step: the log's changes, the message received (if any), then handled. */
        void afterInput(int id, int from, RaftMessage received) {
            RaftNode node = nodes[id];
            mirrors[id].sync(id, probes[id], monitor);
            if (received != null) {
                monitor.received(id, from, MessageCodecs.INSTANCE.kind(received), MessageCodecs.INSTANCE.term(received), probes[id]);
            }
            monitor.handled(id, probes[id]);
            persistedHardState[id] = node.hardState();
            List<LogEntry> log = new ArrayList<>();
            for (long index = 1; index <= node.log().lastIndex(); index++) {
                log.add(node.log().entry(index));
            }
            persistedLog.set(id, log);
            Effects out = effects[id];
            for (int i = 0; i < out.messageCount(); i++) {
                links[id][out.target(i)].add((RaftMessage) out.message(i));
            }
            out.clear();
            nowMicros += 1_000;
        }

        void timeout(int id) {
            nodes[id].timerFired(nowMicros, RaftTimers.ELECTION);
            afterInput(id);
        }

        /** Delivers every message queued from {@code from} to {@code to}, in order. */
        void deliver(int from, int to) {
            ArrayDeque<RaftMessage> queue = links[from][to];
            while (!queue.isEmpty()) {
                RaftMessage message = queue.poll();
                nodes[to].receive(nowMicros, from, message);
                afterInput(to, from, message);
            }
        }

        /** Delivers messages among {@code ids} until none is left between them. */
        void settle(int... ids) {
            for (int round = 0; round < 100; round++) {
                boolean any = false;
                for (int from : ids) {
                    for (int to : ids) {
                        if (!links[from][to].isEmpty()) {
                            any = true;
                            deliver(from, to);
                        }
                    }
                }
                if (!any) {
                    return;
                }
            }
            throw new AssertionError("messages still flowing after 100 rounds");
        }

        void dropAll() {
            for (ArrayDeque<RaftMessage>[] row : links) {
                for (ArrayDeque<RaftMessage> queue : row) {
                    queue.clear();
                }
            }
        }

        void crash(int id) {
            dropAll();
            nodes[id] = null;
        }

        void propose(int id, Command command) {
            nodes[id].propose(nowMicros, command);
            afterInput(id);
        }

        Violation violation() {
            return monitor.violation();
        }
    }

    /** Plays Figure 8 and returns what the monitor saw. */
    private static Script playFigure8(Set<Bug> bugs) {
        Script s = new Script(bugs);
        int s1 = 0;
        int s2 = 1;
        int s3 = 2;
        int s4 = 3;
        int s5 = 4;
        // Term 1: s1 leads and its no-op commits on every server.
        s.timeout(s1);
        s.settle(s1, s2, s3, s4, s5);
        assertEquals(Role.LEADER, s.nodes[s1].role());
        assertEquals(1, s.nodes[s1].commitIndex());
        // s1 appends X at index 2 and only s2 receives it; then s1 crashes.
        s.propose(s1, new Command.ClientCommand(SERVERS, 1, new Put("x", "X")));
        s.deliver(s1, s2);
        s.crash(s1);
        // Term 2: s5 is elected by s3 and s4, appends its no-op at index 2, and crashes before sending it.
        s.timeout(s5);
        s.deliver(s5, s3);
        s.deliver(s5, s4);
        s.deliver(s3, s5);
        s.deliver(s4, s5);
        assertEquals(Role.LEADER, s.nodes[s5].role());
        assertEquals(2, s.nodes[s5].log().term(2));
        s.crash(s5);
        // s1 restarts; its term-2 campaign fails (s3 and s4 voted for s5), its term-3 campaign wins.
        s.start(s1);
        s.timeout(s1);
        s.settle(s1, s2, s3, s4);
        s.dropAll();
        s.timeout(s1);
        for (int voter : new int[] {s2, s3, s4}) {
            s.deliver(s1, voter);
            s.deliver(voter, s1);
        }
        assertEquals(Role.LEADER, s.nodes[s1].role());
        assertEquals(3, s.nodes[s1].currentTerm());
        s.links[s1][s4].clear(); // s4 hears nothing more from s1
        // s1's no-op of term 3 reaches s2; s3, which lacks index 2, is probed back and receives X.
        s.deliver(s1, s2);
        s.deliver(s2, s1);
        s.deliver(s1, s3); // [no-op @3], rejected: s3 has no index 2
        s.deliver(s3, s1);
        s.deliver(s1, s3); // [X @2]
        s.deliver(s3, s1); // X is now on s1, s2 and s3: a majority, but of term 1
        s.s1CommitIndexAtSecondCrash = s.nodes[s1].commitIndex();
        s.crash(s1); // before the no-op of term 3 reaches s3
        // s5 restarts; term 3 is taken, so it wins term 4 with s3's and s4's votes (last term 2 > 1).
        s.start(s5);
        s.timeout(s5);
        s.settle(s2, s3, s4, s5);
        s.dropAll();
        s.timeout(s5);
        for (int voter : new int[] {s2, s3, s4}) {
            s.deliver(s5, voter);
            s.deliver(voter, s5);
        }
        assertEquals(Role.LEADER, s.nodes[s5].role());
        assertEquals(2, s.nodes[s5].log().term(2), "s5 leads with its own term-2 entry at index 2, not X");
        return s;
    }

    @Test
    void theCorrectRuleNeverCommitsXSoS5MayReplaceIt() {
        Script script = playFigure8(EnumSet.noneOf(Bug.class));
        // A restarted node's commit index is volatile (0); what matters is that it never reaches X.
        assertTrue(script.s1CommitIndexAtSecondCrash < 2, "X is of term 1; s1 leads term 3 and must not commit it by counting");
        assertNull(script.violation(), () -> String.valueOf(script.violation()));
    }

    @Test
    void countingReplicasCommitsXAndTheNextLeaderLacksIt() {
        Script script = playFigure8(EnumSet.of(Bug.COMMIT_PREVIOUS_TERM_BY_COUNTING));
        assertEquals(2, script.s1CommitIndexAtSecondCrash, "the bug commits X on a bare majority of term-1 copies");
        Violation violation = script.violation();
        assertNotNull(violation, "the Figure 8 history must be caught");
        assertEquals(Bug.COMMIT_PREVIOUS_TERM_BY_COUNTING.expectedProperty(), violation.property(), violation.toString());
        assertEquals(SafetyProperty.LEADER_COMPLETENESS.displayName(), violation.property());
    }
}
