package io.raftsim.harness.check;

import io.raftsim.harness.cluster.LogMirror;
import io.raftsim.harness.spi.Role;
import io.raftsim.harness.spi.ServerProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Committed entries the checks never saw: a leader that is the only voter appends, commits and
 * compacts entry 3 in one step (§7), so neither its mirror nor the committed prefix knows entry
 * 3's hash. The checks must neither report a server that holds the same entry (seed 837 of
 * random's first membership sweep: they did, comparing with a hash the mirror never computed)
 * nor pass one that holds another: they learn the hash from the first server that shows it, and
 * compare every later one with it. Each step ends as {@code ServerHost} ends it: the mirror
 * syncs, then the monitor reads the server.
 */
class UnseenCommittedEntriesTest {
    private final SafetyMonitor monitor = new SafetyMonitor(3);
    private final LogMirror[] mirrors = {new LogMirror(), new LogMirror(), new LogMirror()};
    private final Server leader = new Server(Role.LEADER);
    private final Server learner = new Server(Role.FOLLOWER);
    private final Server other = new Server(Role.FOLLOWER);

    @BeforeEach
    void theLeaderCompactsEntryThreeAsItAppendsAndCommitsIt() {
        for (LogMirror mirror : mirrors) {
            mirror.committedPrefix(monitor::committedHashThrough);
        }
        monitor.attach(null, mirrors);
        leader.append(1, 101).append(1, 102).commit(2);
        step(0, leader);
        leader.append(1, 103).commit(3).compactThrough(3);
        step(0, leader);
        assertNull(monitor.violation());
        assertFalse(mirrors[0].hashKnown(3), "the mirror never saw entry 3");
        assertEquals(1, monitor.unknownCommittedHashes());
    }

    @Test
    void aServerHoldingTheSameEntryIsNotReported() {
        learner.append(1, 101).append(1, 102).append(1, 103);
        step(1, learner);
        learner.commit(3);
        step(1, learner);
        assertNull(monitor.violation(), () -> monitor.violation().toString());
        assertEquals(0, monitor.unknownCommittedHashes(), "learned from the learner");
        assertEquals(1, monitor.learnedCommittedHashes());
    }

    @Test
    void aServerHoldingAnotherEntryIsReportedOnceTheHashIsLearned() {
        learner.append(1, 101).append(1, 102).append(1, 103).commit(3);
        step(1, learner);
        other.append(1, 101).append(1, 102).append(2, 999).commit(3); // another term: no Log Matching pair
        step(2, other);
        assertNotNull(monitor.violation(), "entry 3 differs from the committed one the learner showed");
        assertEquals("State Machine Safety", monitor.violation().property());
    }

    @Test
    void theLeadersMirrorLearnsThePrefixAndReportsItsNextEntries() {
        learner.append(1, 101).append(1, 102).append(1, 103).commit(3);
        step(1, learner);
        leader.append(1, 104);
        step(0, leader);
        assertTrue(mirrors[0].hashKnown(4));
        assertEquals(mirrors[1].hash(3), mirrors[0].hash(3));
        learner.append(1, 104);
        step(1, learner);
        assertNull(monitor.violation(), "both appended the same entry 4 onto the same prefix: Log Matching holds");
        other.append(1, 101).append(1, 102).append(1, 103).append(1, 777);
        step(2, other);
        assertNotNull(monitor.violation(), "another entry 4 of the same term: Log Matching, decided on the learned prefix");
        assertEquals("Log Matching", monitor.violation().property());
    }

    @Test
    void untilAServerShowsTheEntryNothingIsComparedAtItAndNothingReported() {
        leader.append(1, 104).commit(4).compactThrough(4);
        step(0, leader);
        assertNull(monitor.violation());
        assertEquals(2, monitor.unknownCommittedHashes());
        assertEquals(LogMirror.CommittedPrefix.UNKNOWN, monitor.committedHashThrough(4));
        assertEquals(mirrors[0].hash(2), monitor.committedHashThrough(2), "the prefix before the unseen entries is still known");
    }

    @Test
    void aProbeThatKnowsTheCompactedPayloadLetsTheMirrorHashItAtOnce() {
        SafetyMonitor checks = new SafetyMonitor(2);
        LogMirror[] logs = {new LogMirror(), new LogMirror()};
        for (LogMirror mirror : logs) {
            mirror.committedPrefix(checks::committedHashThrough);
        }
        checks.attach(null, logs);
        Server soleVoter = new Server(Role.LEADER).tellingCompactedPayloads();
        soleVoter.append(1, 101).append(1, 102).commit(2);
        logs[0].sync(0, soleVoter, checks);
        checks.handled(0, soleVoter);
        soleVoter.append(1, 103).commit(3).compactThrough(3);
        logs[0].sync(0, soleVoter, checks);
        checks.handled(0, soleVoter);
        assertTrue(logs[0].hashKnown(3));
        assertEquals(0, checks.unknownCommittedHashes());
        Server same = new Server(Role.FOLLOWER).append(1, 101).append(1, 102).append(1, 103).commit(3);
        logs[1].sync(1, same, checks);
        checks.handled(1, same);
        assertNull(checks.violation());
        assertEquals(logs[0].hash(3), logs[1].hash(3), "the hash from the fingerprint is the one a mirror that saw the entry computes");
    }

    private void step(int id, Server server) {
        mirrors[id].sync(id, server, monitor);
        monitor.handled(id, server);
    }

    /** A server's log of (term, payload) entries, its commit index and the first index its log still holds. */
    private static final class Server implements ServerProbe {
        private final Role role;
        private final List<long[]> entries = new ArrayList<>();
        private long firstIndex = 1;
        private long commit;
        private boolean tellsCompactedPayloads;

        Server(Role role) {
            this.role = role;
        }

        Server append(long term, long payload) {
            entries.add(new long[] {term, payload});
            return this;
        }

        Server commit(long index) {
            commit = index;
            return this;
        }

        Server tellingCompactedPayloads() {
            tellsCompactedPayloads = true;
            return this;
        }

        Server compactThrough(long index) {
            firstIndex = index + 1;
            return this;
        }

        @Override public Role role() { return role; }
        @Override public long currentTerm() { return 1; }
        @Override public int votedFor() { return -1; }
        @Override public int leaderId() { return 0; }
        @Override public long commitIndex() { return commit; }
        @Override public long lastApplied() { return commit; }
        @Override public long firstLogIndex() { return firstIndex; }
        @Override public long lastLogIndex() { return entries.size(); }
        @Override public long termAt(long index) { return index == 0 ? 0 : entries.get((int) (index - 1))[0]; }
        @Override public long payloadFingerprintAt(long index) { return entries.get((int) (index - 1))[1]; }
        @Override public long stateFingerprint() { return 0; }
        @Override public List<Integer> voters() { return List.of(0); }

        @Override
        public java.util.OptionalLong snapshotLastPayloadFingerprint() {
            return tellsCompactedPayloads && firstIndex > 1 ? java.util.OptionalLong.of(entries.get((int) (firstIndex - 2))[1]) : java.util.OptionalLong.empty();
        }
    }
}
