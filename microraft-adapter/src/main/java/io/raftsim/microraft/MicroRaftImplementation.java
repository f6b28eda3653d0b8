package io.raftsim.microraft;

import io.microraft.RaftNode;
import io.raftsim.harness.RaftConfig;
import io.raftsim.harness.kv.KvCommand;
import io.raftsim.harness.spi.ClientProtocol;
import io.raftsim.harness.spi.Feature;
import io.raftsim.harness.spi.PlantedMistake;
import io.raftsim.harness.spi.RaftImplementation;
import io.raftsim.harness.spi.RaftProcess;
import io.raftsim.harness.spi.ServerSetup;
import io.raftsim.harness.spi.SettingsException;
import io.raftsim.harness.spi.WireCodec;
import io.raftsim.microraft.MicroRaftMessage.ClientReply;
import io.raftsim.microraft.MicroRaftMessage.ClientRequest;
import io.raftsim.sim.engine.ProcessContext;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * MicroRaft 0.7, unmodified, behind the harness's seam (issue 13): {@code "implementation": "microraft"}.
 *
 * <p>Features, as MicroRaft really behaves. It always runs a pre-vote round before an election
 * and its leaders always step down when a quorum has been silent for the heartbeat timeout, so
 * it supports {@link Feature#PRE_VOTE} and {@link Feature#CHECK_QUORUM}, and a scenario that
 * turns them off still runs, with both on (there is no switch in MicroRaft's {@code RaftConfig}).
 * Snapshots (through {@code commitCountToTakeSnapshot}), membership changes (single-server, with
 * learners: {@link MembershipRequests}) and leadership transfer are the library's, driven through
 * the seam. It lacks exact timing
 * (whole-second heartbeats, see {@link MicroRaftSettings}), staged election timeouts and a
 * preloaded state (its log format is its own).
 */
public final class MicroRaftImplementation implements RaftImplementation<MicroRaftMessage> {
    static {
        LibraryAssertions.disable();
    }

    /** The negative control: the state machine applies every retry again, as if it had no sessions. */
    public static final String FORGET_SESSIONS = "FORGET_SESSIONS";

    private static final List<PlantedMistake> MISTAKES = List.of(new PlantedMistake(FORGET_SESSIONS,
            "the KV state machine ignores client sessions, so a retried command whose first reply was lost is applied twice",
            "Linearizability", List.of(),
            "a lost or late client reply, then a retry of an append that had committed"));

    @Override
    public String name() {
        return "microraft";
    }

    @Override
    public String description() {
        return "MicroRaft 0.7 (io.microraft:microraft), unmodified, on the virtual clock and executor";
    }

    @Override
    public Set<Feature> features() {
        // Membership changes are MicroRaft's own (RaftNode#changeMembership, MembershipRequests); spare
        // servers are MicroRaft nodes built with the initial members, not themselves among them.
        return Collections.unmodifiableSet(EnumSet.of(Feature.PRE_VOTE, Feature.CHECK_QUORUM, Feature.SNAPSHOTS,
                Feature.MEMBERSHIP_CHANGES, Feature.LEADERSHIP_TRANSFER));
    }

    @Override
    public void validate(RaftConfig config, Map<String, String> settings) throws SettingsException {
        MicroRaftSettings parsed = MicroRaftSettings.parse(settings);
        try {
            parsed.raftConfig(config);
        } catch (RuntimeException e) {
            throw new SettingsException(MicroRaftSettings.TIME_SCALE, Long.toString(parsed.timeScale()),
                    "MicroRaft refuses the scaled timing: " + e.getMessage());
        }
    }

    @Override
    public List<PlantedMistake> plantableMistakes() {
        return MISTAKES;
    }

    /** The adapter's package and MicroRaft's, io.microraft and below (RaftNode stands for it; loading it initialises nothing). */
    @Override
    public List<Class<?>> scannedClasses() {
        return List.of(MicroRaftImplementation.class, RaftNode.class);
    }

    /**
     * Each forbidden API the determinism scan finds in MicroRaft 0.7's jar and in this adapter
     * (run {@code ForbiddenApiScanner} on both; {@code docs/microraft.md} lists the classes), with
     * how it is neutralised.
     */
    @Override
    public Map<String, String> neutralisedNondeterminism() {
        return NEUTRALISED;
    }

    private static final Map<String, String> NEUTRALISED = neutralised();

    private static Map<String, String> neutralised() {
        TreeMap<String, String> how = new TreeMap<>();
        how.put("java.lang.Thread", "DefaultRaftNodeExecutor's thread factory: the builder's default executor is replaced "
                + "by VirtualExecutor (setExecutor) before any task, so no thread is ever started");
        how.put("java.lang.ThreadGroup", "DefaultRaftNodeExecutor makes one per builder; BuilderThreadGroups destroys it, "
                + "empty, before the node is built, so groups do not accumulate");
        how.put("java.time.Clock.systemUTC", "the builder's default clock, replaced by setClock(VirtualClock)");
        how.put("java.util.Random", "the builder's unseeded new Random(), replaced by setRandom with SeededRandom, seeded by "
                + "name from the run's stream, the server id and the incarnation (MicroRaft draws only its election jitter)");
        how.put("java.util.concurrent.CompletableFuture", "MicroRaft's futures are completed by tasks of VirtualExecutor on "
                + "the simulation thread; the adapter attaches only synchronous stages (whenComplete), never *Async, and reads "
                + "changeMembership's outcome only after running the task that decides it");
        how.put("java.util.concurrent.ExecutorService", "DefaultRaftNodeExecutor's service, never given a task: "
                + "BuilderThreadGroups shuts it down and VirtualExecutor runs every task");
        how.put("java.util.concurrent.Executors", "DefaultRaftNodeExecutor's service, never given a task (as ExecutorService)");
        how.put("java.util.concurrent.ScheduledExecutorService", "DefaultRaftNodeExecutor's service, never given a task "
                + "(as ExecutorService)");
        how.put("java.util.stream.Collectors.toMap", "hash maps keyed by RaftEndpoint: SimEndpoint hashes by its id, so "
                + "their iteration order is the same on every JVM");
        how.put("new java.util.HashMap", "keyed by RaftEndpoint (SimEndpoint hashes by its id) or by boxed numbers: "
                + "iteration order fixed on every JVM");
        how.put("new java.util.HashSet", "of RaftEndpoints (SimEndpoint hashes by its id) or boxed numbers: "
                + "iteration order fixed on every JVM");
        return Collections.unmodifiableSortedMap(how);
    }

    @Override
    public WireCodec<MicroRaftMessage> codec() {
        return MicroRaftWireCodec.INSTANCE;
    }

    @Override
    public ClientProtocol<MicroRaftMessage> clientProtocol() {
        return Clients.INSTANCE;
    }

    @Override
    public RaftProcess<MicroRaftMessage> create(ProcessContext<MicroRaftMessage> context, ServerSetup setup) {
        try {
            return new MicroRaftProcess(context, setup, MicroRaftSettings.parse(setup.settings()));
        } catch (SettingsException e) {
            throw new IllegalArgumentException("settings were validated: " + e.getMessage(), e);
        }
    }

    private static final class Clients implements ClientProtocol<MicroRaftMessage> {
        static final Clients INSTANCE = new Clients();

        @Override
        public MicroRaftMessage request(int clientId, long sequence, KvCommand command) {
            return new ClientRequest(clientId, sequence, command);
        }

        @Override
        public Answer answer(MicroRaftMessage message) {
            if (!(message instanceof ClientReply reply)) {
                return null;
            }
            return new Answer(reply.clientId(), reply.sequence(), reply.status(), reply.result(), reply.leaderHint());
        }
    }
}
