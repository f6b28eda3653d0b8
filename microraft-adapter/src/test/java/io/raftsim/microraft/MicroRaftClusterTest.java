package io.raftsim.microraft;

import io.microraft.Ordered;
import io.raftsim.sim.engine.Time;
import org.junit.jupiter.api.Test;

import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MicroRaftClusterTest {
    private static final long WITHIN = Time.seconds(30);

    private static void putAll(ToyCluster cluster, int from, int to) {
        for (int i = from; i < to; i++) {
            Ordered<Object> result = cluster.replicate(KvCommand.put(1, i + 1, "k" + i, "v" + i), WITHIN);
            assertEquals(new KvResult(true, null), result.getResult());
        }
    }

    private static boolean allApplied(ToyCluster cluster, TreeMap<String, String> expected) {
        for (int id = 0; id < cluster.size(); id++) {
            MicroRaftNode node = cluster.node(id);
            if (node != null && !node.stateMachine().contents().equals(expected)) {
                return false;
            }
        }
        return true;
    }

    private static TreeMap<String, String> expectedPuts(int count) {
        TreeMap<String, String> expected = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            expected.put("k" + i, "v" + i);
        }
        return expected;
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

    /** Election, 20 puts, a follower crash and restart with 10 more puts meanwhile: everything that can vary. */
    private static ToyCluster scenario(long seed) {
        ToyCluster cluster = new ToyCluster(3, seed, 8);
        putAll(cluster, 0, 20);
        int follower = (cluster.awaitLeader(WITHIN).id() + 1) % 3;
        cluster.crash(follower);
        putAll(cluster, 20, 30);
        cluster.restart(follower);
        assertTrue(cluster.runUntil(() -> allApplied(cluster, expectedPuts(30)), WITHIN));
        cluster.runFor(Time.seconds(5));
        return cluster;
    }

    @Test
    void theSameSeedGivesTheSameDigestTwiceInOneJvm() {
        ToyCluster first = scenario(11);
        ToyCluster second = scenario(11);
        assertTrue(first.deliveredCount() > 100, "a run worth comparing: " + first.deliveredCount());
        assertEquals(first.deliveredCount(), second.deliveredCount());
        assertEquals(first.digest(), second.digest());
        assertEquals(first.nowMicros(), second.nowMicros());
        ToyCluster other = scenario(12);
        assertNotEquals(first.digest(), other.digest(), "the digest sees a different seed");
    }

    @Test
    void aCrashedFollowerRestartsFromItsStorageAndCatchesUp() {
        ToyCluster cluster = new ToyCluster(3, 5, 8);
        putAll(cluster, 0, 20);
        MicroRaftNode leader = cluster.awaitLeader(WITHIN);
        int follower = (leader.id() + 1) % 3;
        assertTrue(cluster.runUntil(() -> allApplied(cluster, expectedPuts(20)), WITHIN));
        int termBefore = cluster.node(follower).term();
        cluster.crash(follower);
        putAll(cluster, 20, 40);

        MicroRaftNode restarted = cluster.restart(follower);
        assertTrue(restarted.restored(), "built from the restored state, not afresh");
        assertTrue(restarted.term() >= termBefore, "the persisted term survives the crash");
        assertTrue(cluster.runUntil(() -> allApplied(cluster, expectedPuts(40)), WITHIN),
                "the restarted follower applies all 40 puts");
        assertTrue(restarted.stateMachine().snapshotsInstalled() + restarted.stateMachine().snapshotsTaken() > 0,
                "with a snapshot every 8 commits, catching up goes through a snapshot");
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
