package io.raftsim.scenarios.run;

import io.raftsim.harness.cluster.Cluster;
import io.raftsim.harness.spi.Role;
import io.raftsim.harness.spi.ServerProbe;
import io.raftsim.scenarios.format.NodeRef;
import io.raftsim.sim.random.RandomStream;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What a step's server references mean at the moment it runs: {@code nK}, the leader, a
 * follower drawn from the seed, the server after the leader, or a name an earlier step
 * bound. The names bound so far live here, for one run.
 */
final class BoundServers {
    private final Cluster cluster;
    /** Derived by name from the run's seed, so drawing a follower shifts no other draw. */
    private final RandomStream followers;
    /** Derived by name from the run's seed too, apart from the followers' stream. */
    private final RandomStream randoms;
    private final TreeMap<String, Integer> bound = new TreeMap<>();
    /** The shuffle of the steps at {@code randomAtMicros}, and how many of its servers were handed out. */
    private int[] randomOrder;
    private long randomAtMicros;
    private int randomsHanded;

    BoundServers(Cluster cluster) {
        this.cluster = cluster;
        this.followers = cluster.engine().randomStream("scenario-followers");
        this.randoms = cluster.engine().randomStream("scenario-random");
    }

    /**
     * The server id {@code ref} names now, or -1 when it names none (no leader, no follower,
     * a name whose binding step was skipped). Each call for {@code random} hands out another server. {@code atMicros} and {@code draw} pick the
     * follower's stream: the step's own time and the reference's place in it, so removing
     * one step never changes the follower another step draws.
     */
    int resolve(NodeRef ref, long atMicros, int draw) {
        if (ref.isServer()) {
            return ref.index();
        }
        if (ref.isLeader()) {
            return cluster.currentLeader();
        }
        if (ref.equals(NodeRef.AFTER_LEADER)) {
            int leader = cluster.currentLeader();
            return leader < 0 ? -1 : (leader + 1) % cluster.spec().servers();
        }
        if (ref.equals(NodeRef.FOLLOWER)) {
            return follower(atMicros, draw);
        }
        if (ref.equals(NodeRef.RANDOM)) {
            return random(atMicros);
        }
        if (ref.isBinding()) {
            Integer server = bound.get(ref.bindingName());
            return server == null ? -1 : server;
        }
        throw new IllegalStateException("not a single server: " + ref);
    }

    /** Why {@link #resolve} found no server, for the trace line of a skipped step. */
    String whyNone(NodeRef ref) {
        if (ref.equals(NodeRef.FOLLOWER)) {
            return "no up server but the leader";
        }
        if (ref.isBinding()) {
            return ref + " was not bound (its binding step was skipped)";
        }
        return "no leader";
    }

    void bind(String name, int server) {
        bound.put(name, server);
    }

    /**
     * The next {@code random} of the steps at {@code atMicros}: the next server of a shuffle
     * drawn for that time, so the randoms of steps at one time are different servers (while
     * there are servers left) and each round of a {@code rounds} block draws anew.
     */
    private int random(long atMicros) {
        int servers = cluster.spec().servers();
        if (randomOrder == null || randomAtMicros != atMicros) {
            randomOrder = new int[servers];
            for (int i = 0; i < servers; i++) {
                randomOrder[i] = i;
            }
            RandomStream stream = randoms.derive("at-" + atMicros);
            for (int i = servers - 1; i > 0; i--) {
                int j = stream.nextInt(i + 1);
                int swap = randomOrder[i];
                randomOrder[i] = randomOrder[j];
                randomOrder[j] = swap;
            }
            randomAtMicros = atMicros;
            randomsHanded = 0;
        }
        return randomOrder[randomsHanded++ % servers];
    }

    private int follower(long atMicros, int draw) {
        int leader = cluster.currentLeader();
        List<Integer> candidates = new ArrayList<>();
        for (int id = 0; id < cluster.spec().servers(); id++) {
            ServerProbe probe = cluster.probe(id);
            if (id != leader && probe != null && cluster.engine().isUp(id) && probe.role() != Role.LEADER) {
                candidates.add(id);
            }
        }
        if (candidates.isEmpty()) {
            return -1;
        }
        RandomStream stream = followers.derive("at-" + atMicros, draw);
        return candidates.get(stream.nextInt(candidates.size()));
    }
}
