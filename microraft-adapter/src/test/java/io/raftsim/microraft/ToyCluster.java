package io.raftsim.microraft;

import io.microraft.Ordered;
import io.microraft.RaftConfig;
import io.raftsim.sim.random.RandomStream;
import io.raftsim.sim.storage.DurableStorage;
import io.raftsim.sim.storage.SyncMode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * A deterministic driver for tests only, until the harness's network takes over: MicroRaft
 * nodes, a toy in-memory network with seeded delays on virtual time, and one loop. Every
 * delivered message's (time, from, to, bytes) is folded into a 64-bit FNV-1a digest in
 * delivery order, so two runs are equal only if they deliver the same bytes at the same times.
 */
final class ToyCluster {
    static final long LATENCY_MIN_MICROS = 1_000;
    static final long LATENCY_MAX_MICROS = 10_000;

    private record Delivery(long atMicros, long sequence, int from, int to, byte[] bytes) {
    }

    private final MicroRaftNode.Setup setup;
    private final RandomStream seedStream;
    private final RandomStream network;
    private final PriorityQueue<Delivery> inFlight = new PriorityQueue<>(
            Comparator.comparingLong(Delivery::atMicros).thenComparingLong(Delivery::sequence));
    private final MicroRaftNode[] nodes;
    private final DurableStorage[] storages;
    private final int[] incarnations;
    private long nowMicros;
    private long nextSequence;
    private long digest = 0xcbf29ce484222325L;
    private long deliveredCount;
    private final long[][] deliveredByKind;

    ToyCluster(int size, long seed, int commitCountToTakeSnapshot) {
        List<Integer> ids = new ArrayList<>();
        for (int id = 0; id < size; id++) {
            ids.add(id);
        }
        RaftConfig config = RaftConfig.newBuilder()
                .setLeaderElectionTimeoutMillis(500)
                .setLeaderHeartbeatPeriodSecs(1)
                .setLeaderHeartbeatTimeoutSecs(3)
                .setCommitCountToTakeSnapshot(commitCountToTakeSnapshot)
                .build();
        this.setup = new MicroRaftNode.Setup("kv", ids, config, 4);
        this.seedStream = new RandomStream(seed);
        this.network = seedStream.derive("toy-network");
        this.nodes = new MicroRaftNode[size];
        this.storages = new DurableStorage[size];
        this.incarnations = new int[size];
        this.deliveredByKind = new long[size][MessageKind.values().length];
        for (int id = 0; id < size; id++) {
            storages[id] = new DurableStorage(SyncMode.LOSE_UNSYNCED_ON_CRASH);
            nodes[id] = newIncarnation(id);
            nodes[id].start();
        }
    }

    private MicroRaftNode newIncarnation(int id) {
        return new MicroRaftNode(setup, id, incarnations[id], storages[id], this::send, () -> nowMicros, seedStream);
    }

    private void send(int from, int to, byte[] bytes) {
        long latency = network.nextLong(LATENCY_MIN_MICROS, LATENCY_MAX_MICROS + 1);
        inFlight.add(new Delivery(nowMicros + latency, nextSequence++, from, to, bytes));
    }

    /** One instant: deliver what is due, then run each live node's due tasks, in id order. Returns false when idle. */
    boolean step() {
        long next = Long.MAX_VALUE;
        if (!inFlight.isEmpty()) {
            next = inFlight.peek().atMicros();
        }
        for (MicroRaftNode node : nodes) {
            if (node != null) {
                OptionalLong due = node.executor().nextDueMicros();
                if (due.isPresent()) {
                    next = Math.min(next, due.getAsLong());
                }
            }
        }
        if (next == Long.MAX_VALUE) {
            return false;
        }
        nowMicros = Math.max(nowMicros, next);
        while (!inFlight.isEmpty() && inFlight.peek().atMicros() <= nowMicros) {
            Delivery delivery = inFlight.poll();
            MicroRaftNode target = nodes[delivery.to()];
            if (target == null) {
                continue; // the receiver is down: the message is lost
            }
            fold(delivery);
            deliveredByKind[delivery.to()][MicroRaftCodec.kindOf(delivery.bytes()).ordinal()]++;
            target.deliver(delivery.bytes());
        }
        for (MicroRaftNode node : nodes) {
            if (node != null) {
                node.runDue();
            }
        }
        return true;
    }

    private void fold(Delivery delivery) {
        deliveredCount++;
        foldLong(delivery.atMicros());
        foldLong(((long) delivery.from() << 32) | delivery.to());
        foldLong(delivery.bytes().length);
        for (byte b : delivery.bytes()) {
            digest = (digest ^ (b & 0xff)) * 0x100000001b3L;
        }
    }

    private void foldLong(long value) {
        for (int shift = 0; shift < 64; shift += 8) {
            digest = (digest ^ ((value >>> shift) & 0xff)) * 0x100000001b3L;
        }
    }

    /** Steps until the condition holds; false if virtual time passes {@code withinMicros} from now first. */
    boolean runUntil(BooleanSupplier condition, long withinMicros) {
        long deadline = nowMicros + withinMicros;
        while (!condition.getAsBoolean()) {
            if (!step() || nowMicros > deadline) {
                return condition.getAsBoolean();
            }
        }
        return true;
    }

    /** Lets virtual time pass by {@code micros}, running whatever falls due. */
    void runFor(long micros) {
        long deadline = nowMicros + micros;
        runUntil(() -> nextEventMicros() > deadline, micros + 1);
        nowMicros = Math.max(nowMicros, deadline);
    }

    private long nextEventMicros() {
        long next = inFlight.isEmpty() ? Long.MAX_VALUE : inFlight.peek().atMicros();
        for (MicroRaftNode node : nodes) {
            if (node != null && node.executor().nextDueMicros().isPresent()) {
                next = Math.min(next, node.executor().nextDueMicros().getAsLong());
            }
        }
        return next;
    }

    /** The one live node that believes it leads and that every other live node follows, if there is one. */
    Optional<MicroRaftNode> stableLeader() {
        MicroRaftNode leader = null;
        for (MicroRaftNode node : nodes) {
            if (node != null && node.isLeader()) {
                if (leader != null) {
                    return Optional.empty();
                }
                leader = node;
            }
        }
        if (leader == null) {
            return Optional.empty();
        }
        for (MicroRaftNode node : nodes) {
            if (node != null && !node.leaderId().equals(Optional.of(leader.id()))) {
                return Optional.empty();
            }
        }
        return Optional.of(leader);
    }

    MicroRaftNode awaitLeader(long withinMicros) {
        if (!runUntil(() -> stableLeader().isPresent(), withinMicros)) {
            throw new AssertionError("no stable leader by virtual time " + nowMicros);
        }
        return stableLeader().orElseThrow();
    }

    /** Replicates through the current leader and runs until MicroRaft completes the future. */
    Ordered<Object> replicate(KvOperation command, long withinMicros) {
        CompletableFuture<Ordered<Object>> future = awaitLeader(withinMicros).raftNode().replicate(command);
        if (!runUntil(future::isDone, withinMicros)) {
            throw new AssertionError("not committed by virtual time " + nowMicros + ": " + command);
        }
        return future.join();
    }

    void crash(int id) {
        nodes[id].crash();
        nodes[id] = null;
        storages[id].loseUnsyncedWrites();
    }

    MicroRaftNode restart(int id) {
        if (nodes[id] != null) {
            throw new IllegalStateException("node " + id + " is running");
        }
        incarnations[id]++;
        nodes[id] = newIncarnation(id);
        nodes[id].start();
        return nodes[id];
    }

    MicroRaftNode node(int id) {
        return nodes[id];
    }

    int size() {
        return nodes.length;
    }

    DurableStorage storage(int id) {
        return storages[id];
    }

    long nowMicros() {
        return nowMicros;
    }

    long digest() {
        return digest;
    }

    /** How many messages of this kind node {@code id} has received, over all its incarnations. */
    long delivered(int id, MessageKind kind) {
        return deliveredByKind[id][kind.ordinal()];
    }

    long deliveredCount() {
        return deliveredCount;
    }
}
