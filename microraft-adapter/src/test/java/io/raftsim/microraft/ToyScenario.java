package io.raftsim.microraft;

import io.raftsim.sim.engine.Time;

import java.util.TreeMap;

/**
 * The scenario the determinism tests replay: an election, 20 puts, a follower crash with 10
 * more puts while it is down, its restart and catch-up, then 5 quiet seconds. Runnable as a
 * main class so a fresh JVM can replay it and print its digest.
 */
final class ToyScenario {
    private static final long WITHIN = Time.seconds(30);

    private ToyScenario() {
    }

    static ToyCluster run(long seed) {
        ToyCluster cluster = new ToyCluster(3, seed, 8);
        putAll(cluster, 0, 20);
        int follower = (cluster.awaitLeader(WITHIN).id() + 1) % 3;
        cluster.crash(follower);
        putAll(cluster, 20, 30);
        cluster.restart(follower);
        if (!cluster.runUntil(() -> allApplied(cluster, expectedPuts(30)), WITHIN)) {
            throw new AssertionError("seed " + seed + ": the restarted follower did not catch up");
        }
        cluster.runFor(Time.seconds(5));
        return cluster;
    }

    static void putAll(ToyCluster cluster, int from, int to) {
        for (int i = from; i < to; i++) {
            Object result = cluster.replicate(new KvOperation(1, i + 1, new io.raftsim.harness.kv.Put("k" + i, "v" + i)), WITHIN).getResult();
            if (!io.raftsim.harness.kv.KvResult.done().equals(result)) {
                throw new AssertionError("put " + i + " answered " + result);
            }
        }
    }

    static boolean allApplied(ToyCluster cluster, TreeMap<String, String> expected) {
        for (int id = 0; id < cluster.size(); id++) {
            MicroRaftNode node = cluster.node(id);
            if (node != null && !node.stateMachine().contents().equals(expected)) {
                return false;
            }
        }
        return true;
    }

    static TreeMap<String, String> expectedPuts(int count) {
        TreeMap<String, String> expected = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            expected.put("k" + i, "v" + i);
        }
        return expected;
    }

    static String summary(ToyCluster cluster) {
        return Long.toHexString(cluster.digest()) + " " + cluster.deliveredCount() + " " + cluster.nowMicros();
    }

    /** Prints the summary of the run for the seed in {@code args[0]}. */
    public static void main(String[] args) {
        System.out.println(summary(run(Long.parseLong(args[0]))));
    }
}
