package io.raftsim.microraft;

import io.microraft.Ordered;
import io.microraft.RaftEndpoint;
import io.microraft.RaftNode;
import io.microraft.impl.RaftNodeImpl;
import io.microraft.lifecycle.RaftNodeLifecycleAware;
import io.microraft.model.impl.DefaultRaftModelFactory;
import io.microraft.report.RaftNodeReport;
import io.raftsim.sim.engine.Time;
import io.raftsim.sim.random.RandomStream;
import io.raftsim.sim.storage.DurableStorage;
import io.raftsim.sim.storage.SyncMode;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Each source of non-determinism in MicroRaft 0.7: shown to matter where it can be, and shown gone in our wiring. */
class DeterminismSourcesTest {
    private static final List<RaftEndpoint> MEMBERS = List.of(SimEndpoint.of(0), SimEndpoint.of(1), SimEndpoint.of(2));
    private long now;

    private MicroRaftNode.Setup setup() {
        return new MicroRaftNode.Setup("kv", List.of(0, 1, 2), io.microraft.RaftConfig.newBuilder()
                .setLeaderElectionTimeoutMillis(500).setLeaderHeartbeatPeriodSecs(1).setLeaderHeartbeatTimeoutSecs(3)
                .build(), 4);
    }

    private MicroRaftNode adapterNode(long seed, int incarnation) {
        return new MicroRaftNode(setup(), 0, incarnation, new DurableStorage(SyncMode.EVERY_WRITE_DURABLE),
                (from, to, bytes) -> { }, () -> now, new RandomStream(seed));
    }

    /** A node built the plain way: our executor and transport, but MicroRaft's default clock and Random. */
    private RaftNodeImpl rawNode(Object transport, Object stateMachine) {
        RaftNode.RaftNodeBuilder builder = RaftNode.newBuilder();
        BuilderThreadGroups.releaseDefaultExecutor(builder);
        return (RaftNodeImpl) builder.setGroupId("kv").setLocalEndpoint(SimEndpoint.of(0))
                .setInitialGroupMembers(MEMBERS).setExecutor(new VirtualExecutor(() -> now))
                .setTransport((io.microraft.transport.Transport) transport)
                .setStateMachine((io.microraft.statemachine.StateMachine) stateMachine).build();
    }

    private RaftNodeImpl rawNode() {
        return rawNode(new SimTransport(SimEndpoint.of(0), new MicroRaftCodec(new DefaultRaftModelFactory()),
                (from, to, bytes) -> { }), new KvStateMachine(4));
    }

    private static List<Long> electionTimeouts(RaftNodeImpl node) {
        List<Long> timeouts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            timeouts.add(node.getLeaderElectionTimeoutMs());
        }
        return timeouts;
    }

    @Test
    void theDefaultClockIsTheWallClockAndOursIsVirtualTime() {
        assertTrue(rawNode().getClock().millis() > 1_600_000_000_000L, "Clock.systemUTC() by default");

        ToyCluster cluster = new ToyCluster(3, 21, 1_000);
        MicroRaftNode leader = cluster.awaitLeader(Time.seconds(30));
        RaftNodeImpl impl = (RaftNodeImpl) leader.raftNode();
        assertInstanceOf(VirtualClock.class, impl.getClock());
        assertEquals(cluster.nowMicros() / 1_000, impl.getClock().millis());
        CompletableFuture<Ordered<RaftNodeReport>> report = leader.raftNode().getReport();
        assertTrue(cluster.runUntil(report::isDone, Time.seconds(1)));
        long nowMillis = cluster.nowMicros() / 1_000;
        assertEquals(2, report.join().getResult().getHeartbeatTimestamps().size());
        for (long timestamp : report.join().getResult().getHeartbeatTimestamps().values()) {
            assertTrue(timestamp > 0 && timestamp <= nowMillis, "a virtual timestamp: " + timestamp + " at " + nowMillis);
        }
    }

    @Test
    void theElectionJitterIsUnseededByDefaultAndSeededPerNodeAndIncarnationByUs() {
        assertNotEquals(electionTimeouts(rawNode()), electionTimeouts(rawNode()), "new Random() differs per node");

        List<Long> first = electionTimeouts((RaftNodeImpl) adapterNode(5, 0).raftNode());
        assertEquals(first, electionTimeouts((RaftNodeImpl) adapterNode(5, 0).raftNode()));
        assertNotEquals(first, electionTimeouts((RaftNodeImpl) adapterNode(5, 1).raftNode()), "a restart draws anew");
        assertNotEquals(first, electionTimeouts((RaftNodeImpl) adapterNode(6, 0).raftNode()));
        for (long timeout : first) {
            assertTrue(timeout >= 500 && timeout < 600, "leaderElectionTimeoutMillis + nextInt(100): " + timeout);
        }
    }

    /** Records the order in which MicroRaft starts the components that ask to be told. */
    private static class Recorder implements RaftNodeLifecycleAware {
        private final String name;
        private final List<String> starts;

        Recorder(String name, List<String> starts) {
            this.name = name;
            this.starts = starts;
        }

        @Override
        public void onRaftNodeStart() {
            starts.add(name);
        }
    }

    private static final class RecordingTransport extends Recorder implements io.microraft.transport.Transport {
        RecordingTransport(List<String> starts) {
            super("transport", starts);
        }

        @Override
        public void send(RaftEndpoint target, io.microraft.model.message.RaftMessage message) {
        }

        @Override
        public boolean isReachable(RaftEndpoint endpoint) {
            return true;
        }
    }

    private static final class RecordingStateMachine extends Recorder implements io.microraft.statemachine.StateMachine {
        private final KvStateMachine delegate = new KvStateMachine(4);

        RecordingStateMachine(List<String> starts) {
            super("state-machine", starts);
        }

        @Override
        public Object runOperation(long commitIndex, Object operation) {
            return delegate.runOperation(commitIndex, operation);
        }

        @Override
        public void takeSnapshot(long commitIndex, java.util.function.Consumer<Object> consumer) {
            delegate.takeSnapshot(commitIndex, consumer);
        }

        @Override
        public void installSnapshot(long commitIndex, List<Object> chunks) {
            delegate.installSnapshot(commitIndex, chunks);
        }

        @Override
        public Object getNewTermOperation() {
            return delegate.getNewTermOperation();
        }
    }

    @Test
    void twoLifecycleAwareComponentsStartInAShuffledOrderAndOursHaveNone() throws Exception {
        Set<List<String>> orders = new HashSet<>();
        for (int i = 0; i < 64 && orders.size() < 2; i++) {
            List<String> starts = new ArrayList<>();
            RaftNodeImpl node = rawNode(new RecordingTransport(starts), new RecordingStateMachine(starts));
            node.start();
            ((VirtualExecutor) node.getExecutor()).runDue();
            assertEquals(2, starts.size());
            orders.add(starts);
        }
        assertEquals(2, orders.size(), "Collections.shuffle with the JDK's unseeded Random decides the start order");

        Field components = RaftNodeImpl.class.getDeclaredField("lifecycleAwareComponents");
        components.setAccessible(true);
        assertEquals(List.of(), components.get(adapterNode(1, 0).raftNode()),
                "nothing to shuffle: Collections.shuffle draws nothing for fewer than two elements");
    }

    private static int raftThreadGroups() {
        ThreadGroup parent = Thread.currentThread().getThreadGroup();
        ThreadGroup[] groups = new ThreadGroup[parent.activeGroupCount() + 64];
        int count = parent.enumerate(groups, false);
        int raftGroups = 0;
        for (int i = 0; i < count; i++) {
            if (groups[i].getName().equals("RaftThread")) {
                raftGroups++;
            }
        }
        return raftGroups;
    }

    private static boolean anyRaftThread() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("RaftThread")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everyBuilderMakesAThreadGroupThatWeReleaseAndNoThreadEverStarts() {
        // On JDK 17 a ThreadGroup stays registered in its parent until destroyed (JDK 19 dropped that).
        assumeTrue(Runtime.version().feature() < 19, "ThreadGroups no longer leak after JDK 19");
        int before = raftThreadGroups();
        List<RaftNode.RaftNodeBuilder> plainBuilders = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            plainBuilders.add(RaftNode.newBuilder());
        }
        assertEquals(before + 10, raftThreadGroups(), "a plain builder leaks one group each");
        for (RaftNode.RaftNodeBuilder builder : plainBuilders) {
            assertTrue(BuilderThreadGroups.releaseDefaultExecutor(builder));
        }
        assertEquals(before, raftThreadGroups());

        for (int incarnation = 0; incarnation < 20; incarnation++) {
            adapterNode(3, incarnation);
        }
        assertEquals(before, raftThreadGroups(), "our nodes leave no group behind, whatever the incarnation count");

        ToyCluster cluster = new ToyCluster(3, 4, 1_000);
        cluster.awaitLeader(Time.seconds(30));
        cluster.crash(1);
        cluster.restart(1);
        cluster.runFor(Time.seconds(5));
        assertTrue(!anyRaftThread(), "the default executor's thread never starts");
        assertEquals(before, raftThreadGroups());
    }
}
