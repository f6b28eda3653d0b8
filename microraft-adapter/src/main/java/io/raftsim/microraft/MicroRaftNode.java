package io.raftsim.microraft;

import io.microraft.RaftConfig;
import io.microraft.RaftEndpoint;
import io.microraft.RaftNode;
import io.microraft.model.RaftModelFactory;
import io.microraft.model.impl.DefaultRaftModelFactory;
import io.microraft.persistence.RestoredRaftState;
import io.microraft.transport.Transport;
import io.raftsim.sim.random.RandomStream;
import io.raftsim.sim.storage.DurableStorage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * One incarnation of one MicroRaft node, wired to the simulation: the virtual executor and
 * clock, the byte transport, the durable store and the KV state machine. A crash drops this
 * object (its executor refuses further work); a restart builds a new one over the same
 * {@link DurableStorage}, which continues from what was flushed.
 *
 * <p>Every source of non-determinism MicroRaft 0.7 has is replaced here:
 * <ul>
 *   <li>the builder's {@code Clock.systemUTC()}: {@code setClock(VirtualClock)};
 *   <li>the builder's unseeded {@code new Random()} (only used for the election timeout's
 *       jitter, {@code leaderElectionTimeoutMillis + nextInt(100)}): {@code setRandom} with a
 *       seed derived by name from the run's stream, the node id and the incarnation;
 *   <li>{@code Collections.shuffle} of the lifecycle-aware components (executor, transport,
 *       state machine, store, model factory, report listener), which draws from the JDK's
 *       shared unseeded Random and decides their start order: none of ours is
 *       {@code RaftNodeLifecycleAware}, so the list is empty and the shuffle draws nothing;
 *   <li>the default executor's threads: never started (see {@link BuilderThreadGroups});
 *   <li>hash order of endpoints: {@link SimEndpoint} hashes by id.
 * </ul>
 */
public final class MicroRaftNode {
    /** What all nodes of a group share. {@code memberIds} in the order MicroRaft is told them. */
    /** {@code honourSessions} false plants FORGET_SESSIONS (a negative control): every retry is applied again. */
    public record Setup(String groupId, List<Integer> memberIds, RaftConfig raftConfig, int keysPerChunk, boolean honourSessions) {
        public Setup {
            memberIds = List.copyOf(memberIds);
        }

        public Setup(String groupId, List<Integer> memberIds, RaftConfig raftConfig, int keysPerChunk) {
            this(groupId, memberIds, raftConfig, keysPerChunk, true);
        }
    }

    private final SimEndpoint endpoint;
    private final int incarnation;
    private final MicroRaftCodec codec;
    private final VirtualExecutor executor;
    private final KvStateMachine stateMachine;
    private final DurableRaftStore store;
    private final Transport transport;
    private final RaftNode raftNode;
    private final boolean restored;

    /**
     * Builds (but does not start) incarnation {@code incarnation} of node {@code id}.
     * {@code random} is the run's stream; the node's seed is derived from it by name.
     */
    public MicroRaftNode(Setup setup, int id, int incarnation, DurableStorage storage, MessageSink sink,
                         LongSupplier nowMicros, RandomStream random) {
        this(setup, id, incarnation, storage, codec -> new SimTransport(SimEndpoint.of(id), codec, sink), nowMicros, random);
    }

    /**
     * As above, with the transport made by {@code transports} from this node's codec: the
     * harness's process sends MicroRaft's messages through its own context instead of a sink.
     */
    public MicroRaftNode(Setup setup, int id, int incarnation, DurableStorage storage,
                         Function<MicroRaftCodec, Transport> transports, LongSupplier nowMicros, RandomStream random) {
        this.endpoint = SimEndpoint.of(id);
        this.incarnation = incarnation;
        RaftModelFactory factory = new DefaultRaftModelFactory();
        this.codec = new MicroRaftCodec(factory);
        this.executor = new VirtualExecutor(nowMicros);
        this.stateMachine = new KvStateMachine(setup.keysPerChunk(), setup.honourSessions());
        this.transport = transports.apply(codec);
        Optional<RestoredRaftState> restoredState = DurableRaftStore.restore(storage, codec, factory);
        this.store = new DurableRaftStore(storage, codec);
        this.restored = restoredState.isPresent();

        RaftNode.RaftNodeBuilder builder = RaftNode.newBuilder();
        BuilderThreadGroups.releaseDefaultExecutor(builder);
        builder.setGroupId(setup.groupId())
                .setConfig(setup.raftConfig())
                .setExecutor(executor)
                .setTransport(transport)
                .setStateMachine(stateMachine)
                .setStore(store)
                .setModelFactory(factory)
                .setRandom(SeededRandom.forIncarnation(random, id, incarnation))
                .setClock(new VirtualClock(nowMicros));
        if (restoredState.isPresent()) {
            builder.setRestoredState(restoredState.get());
        } else {
            List<RaftEndpoint> members = new ArrayList<>();
            for (int memberId : setup.memberIds()) {
                members.add(SimEndpoint.of(memberId));
            }
            builder.setLocalEndpoint(endpoint).setInitialGroupMembers(members);
        }
        this.raftNode = builder.build();
    }

    /** Queues MicroRaft's start task; it runs at the next {@link #runDue()}. */
    public void start() {
        raftNode.start();
    }

    /** Hands a message that arrived over the network to the node: it queues a task that handles it. */
    public void deliver(byte[] message) {
        raftNode.handle(codec.decode(message));
    }

    /** Runs every task due at virtual now. */
    public int runDue() {
        return executor.runDue();
    }

    /** The process is gone: queued and later tasks never run. Storage is the caller's to keep. */
    public void crash() {
        executor.shutDown();
    }

    public boolean isLeader() {
        return endpoint.equals(raftNode.getTerm().getLeaderEndpoint());
    }

    public Optional<Integer> leaderId() {
        RaftEndpoint leader = raftNode.getTerm().getLeaderEndpoint();
        return leader == null ? Optional.empty() : Optional.of(((SimEndpoint) leader).id());
    }

    public int term() {
        return raftNode.getTerm().getTerm();
    }

    public int id() {
        return endpoint.id();
    }

    public int incarnation() {
        return incarnation;
    }

    public boolean restored() {
        return restored;
    }

    public RaftNode raftNode() {
        return raftNode;
    }

    public VirtualExecutor executor() {
        return executor;
    }

    public KvStateMachine stateMachine() {
        return stateMachine;
    }

    public DurableRaftStore store() {
        return store;
    }

    public Transport transport() {
        return transport;
    }
}
