package io.raftsim.microraft;

import io.raftsim.sim.engine.Time;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MicroRaftClusterTest {
    private static final long WITHIN = Time.seconds(30);

    private static void putAll(ToyCluster cluster, int from, int to) {
        ToyScenario.putAll(cluster, from, to);
    }

    private static boolean allApplied(ToyCluster cluster, TreeMap<String, String> expected) {
        return ToyScenario.allApplied(cluster, expected);
    }

    private static TreeMap<String, String> expectedPuts(int count) {
        return ToyScenario.expectedPuts(count);
    }

    @Test
    void aLeaderIsElectedAndEveryNodeFollowsIt() {
        ToyCluster cluster = new ToyCluster(5, 42, 1_000);
        MicroRaftNode leader = cluster.awaitLeader(WITHIN);
        assertTrue(leader.term() >= 1);
        for (int id = 0; id < cluster.size(); id++) {
            assertEquals(leader.term(), cluster.node(id).term(), "node " + id + " term");
        }
    }

    @Test
    void twentyPutsCommitOnEveryNode() {
        ToyCluster cluster = new ToyCluster(3, 7, 1_000);
        putAll(cluster, 0, 20);
        assertTrue(cluster.runUntil(() -> allApplied(cluster, expectedPuts(20)), WITHIN),
                "every node applies the 20 puts");
    }

    @Test
    void theSameSeedGivesTheSameDigestTwiceInOneJvm() {
        ToyCluster first = ToyScenario.run(11);
        ToyCluster second = ToyScenario.run(11);
        assertTrue(first.deliveredCount() > 100, "a run worth comparing: " + first.deliveredCount());
        assertEquals(first.deliveredCount(), second.deliveredCount());
        assertEquals(first.digest(), second.digest());
        assertEquals(first.nowMicros(), second.nowMicros());
        ToyCluster other = ToyScenario.run(12);
        assertNotEquals(first.digest(), other.digest(), "the digest sees a different seed");
    }

    /** A fresh JVM has its own identity hashes, Set.of salt and JDK-wide Random: the run must not notice. */
    @Test
    void theSameSeedGivesTheSameDigestInAFreshJvm() throws IOException, InterruptedException {
        String here = ToyScenario.summary(ToyScenario.run(11));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                ToyScenario.class.getName(), "11"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        // A bound on a child process, not a timing assertion.
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
        String there = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, child.exitValue(), there);
        assertEquals(here, there);
    }

    @Test
    void aCrashedFollowerRestartsFromItsStorageAndCatchesUp() {
        ToyCluster cluster = new ToyCluster(3, 5, 8);
        putAll(cluster, 0, 20);
        MicroRaftNode leader = cluster.awaitLeader(WITHIN);
        int follower = (leader.id() + 1) % 3;
        assertTrue(cluster.runUntil(() -> allApplied(cluster, expectedPuts(20)), WITHIN));
        int termBefore = cluster.node(follower).term();
        long snapshotRequestsBefore = cluster.delivered(follower, MessageKind.INSTALL_SNAPSHOT_REQUEST);
        cluster.crash(follower);
        putAll(cluster, 20, 40);

        MicroRaftNode restarted = cluster.restart(follower);
        assertTrue(restarted.restored(), "built from the restored state, not afresh");
        assertTrue(restarted.term() >= termBefore, "the persisted term survives the crash");
        assertTrue(cluster.runUntil(() -> allApplied(cluster, expectedPuts(40)), WITHIN),
                "the restarted follower applies all 40 puts");
        assertTrue(cluster.delivered(follower, MessageKind.INSTALL_SNAPSHOT_REQUEST) > snapshotRequestsBefore,
                "with a snapshot every 8 commits the leader's log no longer holds what the follower missed");
        assertTrue(restarted.stateMachine().snapshotsInstalled() > 0);
    }

    @Test
    void aLeaderCrashLeadsToANewLeaderThatCommits() {
        ToyCluster cluster = new ToyCluster(5, 3, 1_000);
        putAll(cluster, 0, 5);
        MicroRaftNode oldLeader = cluster.awaitLeader(WITHIN);
        int oldTerm = oldLeader.term();
        cluster.crash(oldLeader.id());

        MicroRaftNode newLeader = cluster.awaitLeader(WITHIN);
        assertNotEquals(oldLeader.id(), newLeader.id());
        assertTrue(newLeader.term() > oldTerm, "a new term: " + newLeader.term() + " after " + oldTerm);
        putAll(cluster, 5, 10);
        assertTrue(cluster.runUntil(() -> allApplied(cluster, expectedPuts(10)), WITHIN));
    }
}
