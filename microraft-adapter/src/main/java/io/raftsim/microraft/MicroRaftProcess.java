package io.raftsim.microraft;

import io.microraft.Ordered;
import io.microraft.RaftEndpoint;
import io.microraft.exception.NotLeaderException;
import io.microraft.model.message.RaftMessage;
import io.microraft.transport.Transport;
import io.raftsim.harness.kv.KvResult;
import io.raftsim.harness.spi.ClientProtocol;
import io.raftsim.harness.spi.MembershipChange;
import io.raftsim.harness.spi.RaftProcess;
import io.raftsim.harness.spi.ServerProbe;
import io.raftsim.harness.spi.ServerSetup;
import io.raftsim.microraft.MicroRaftMessage.ClientReply;
import io.raftsim.microraft.MicroRaftMessage.ClientRequest;
import io.raftsim.microraft.MicroRaftMessage.ServerRpc;
import io.raftsim.sim.engine.ProcessContext;

import java.util.OptionalLong;

/**
 * One incarnation of one MicroRaft server under the harness. {@link #onStart} builds the
 * node through MicroRaft's builder (restoring what storage kept), every input is handed to
 * the node as an executor task, and after each input the {@link VirtualExecutor} runs every
 * task due; then one engine timer is armed for the earliest task still queued. MicroRaft's
 * clock and executor run on MicroRaft time (virtual time x {@link MicroRaftSettings#timeScale()}).
 *
 * <p>Client commands are replicated through the log (reads too); the reply is sent when
 * the entry is applied, inside the executor step that completes MicroRaft's future.
 */
final class MicroRaftProcess implements RaftProcess<MicroRaftMessage> {
    /** The one engine timer: "the earliest executor task is due". */
    static final int EXECUTOR_TIMER = 0;
    static final String GROUP_ID = "kv";
    static final int KEYS_PER_SNAPSHOT_CHUNK = 16;

    private final ProcessContext<MicroRaftMessage> context;
    private final ServerSetup setup;
    private final MicroRaftSettings settings;
    private final MicroRaftNode.Setup nodeSetup;
    private final MicroRaftProbe probe = new MicroRaftProbe();
    private MicroRaftNode node;

    MicroRaftProcess(ProcessContext<MicroRaftMessage> context, ServerSetup setup, MicroRaftSettings settings) {
        this.context = context;
        this.setup = setup;
        this.settings = settings;
        boolean forgetSessions = setup.plantedMistakes().contains(MicroRaftImplementation.FORGET_SESSIONS);
        this.nodeSetup = new MicroRaftNode.Setup(GROUP_ID, setup.initialMembers(), settings.raftConfig(setup.config()),
                KEYS_PER_SNAPSHOT_CHUNK, !forgetSessions);
    }

    @Override
    public void onStart() {
        node = new MicroRaftNode(nodeSetup, setup.serverId(), setup.incarnation(), context.storage(),
                codec -> new ContextTransport(), this::microRaftNowMicros, context.random());
        probe.attach(node);
        node.start();
        drive();
    }

    @Override
    public void onMessage(int from, MicroRaftMessage message) {
        if (message instanceof ServerRpc rpc) {
            node.raftNode().handle(rpc.message());
        } else if (message instanceof ClientRequest request) {
            replicate(from, request);
        }
        // A ClientReply addressed to a server is nobody's answer: dropped.
        drive();
    }

    @Override
    public void onTimer(int timerId) {
        drive();
    }

    @Override
    public ServerProbe probe() {
        return probe;
    }

    /**
     * A single-server membership change through MicroRaft's own {@code changeMembership}
     * ({@link MembershipRequests}): only a leader accepts one; its messages go out in this step.
     */
    @Override
    public MembershipChange.Answer changeMembership(MembershipChange change) {
        MembershipChange.Answer answer = MembershipRequests.ask(node, change, setup.config().clusterSize());
        drive();
        return answer;
    }

    /**
     * MicroRaft's own leadership transfer (its {@code RaftNode.transferLeadership}, dissertation
     * §3.10): asked only of the leader; the outcome arrives as the new leader's heartbeats, so
     * the returned future is not waited for.
     */
    @Override
    public void transferLeadership(int target) {
        if (node.isLeader()) {
            node.raftNode().transferLeadership(SimEndpoint.of(target));
        }
        drive();
    }

    private void replicate(int client, ClientRequest request) {
        KvOperation operation = new KvOperation(request.clientId(), request.sequence(), request.command());
        node.raftNode().<Object>replicate(operation).whenComplete((ordered, failure) -> {
            if (failure == null) {
                answer(client, request, ordered);
            } else if (failure instanceof NotLeaderException notLeader) {
                context.send(client, new ClientReply(request.clientId(), request.sequence(),
                        ClientProtocol.Status.NOT_LEADER, null, idOf(notLeader.getLeader())));
            }
            // CannotReplicateException (too many pending entries), IndeterminateStateException (leadership
            // lost with the entry uncommitted): no answer; the client retries with the same sequence and
            // its session applies the command at most once.
        });
    }

    private void answer(int client, ClientRequest request, Ordered<Object> ordered) {
        if (ordered.getResult() instanceof KvResult result) {
            context.send(client, new ClientReply(request.clientId(), request.sequence(), ClientProtocol.Status.OK, result, -1));
        }
        // null: an older sequence than the session's last, answered long ago.
    }

    private static int idOf(RaftEndpoint endpoint) {
        return endpoint == null ? -1 : ((SimEndpoint) endpoint).id();
    }

    /** Runs every due executor task, then arms the engine timer for the earliest one left. */
    private void drive() {
        node.runDue();
        OptionalLong due = node.executor().nextDueMicros();
        if (due.isPresent()) {
            context.setTimer(EXECUTOR_TIMER, settings.virtualDelayMicros(due.getAsLong(), microRaftNowMicros()));
        } else {
            context.cancelTimer(EXECUTOR_TIMER);
        }
    }

    private long microRaftNowMicros() {
        return settings.toMicroRaftMicros(context.nowMicros());
    }

    /** MicroRaft's transport: each message goes out through the process's context, encoded there at once. */
    private final class ContextTransport implements Transport {
        /**
         * MicroRaft 0.7 may address a message to no one: a follower that completes a snapshot served
         * by other followers answers "the leader" while it knows none
         * ({@code InstallSnapshotRequestHandler.sendAppendEntriesSuccessResponse}). Such a message is
         * dropped here, as RaftNodeImpl.send would after logging the transport's exception.
         */
        @Override
        public void send(RaftEndpoint target, RaftMessage message) {
            if (target == null) {
                return;
            }
            context.send(((SimEndpoint) target).id(), new ServerRpc(message));
        }

        /** Only asked when choosing followers to serve snapshot chunks; the network decides. */
        @Override
        public boolean isReachable(RaftEndpoint endpoint) {
            return true;
        }
    }
}
