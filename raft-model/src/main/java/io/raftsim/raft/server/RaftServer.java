package io.raftsim.raft.server;

import io.raftsim.harness.RaftConfig;
import io.raftsim.harness.event.RaftEvent;
import io.raftsim.harness.spi.RaftProcess;
import io.raftsim.harness.spi.Role;
import io.raftsim.harness.spi.ServerProbe;
import io.raftsim.raft.bugs.Bug;
import io.raftsim.harness.kv.Get;
import io.raftsim.harness.kv.KvResult;
import io.raftsim.raft.log.Command;
import io.raftsim.raft.log.LogEntry;
import io.raftsim.raft.log.LogListener;
import io.raftsim.raft.message.ClientReply;
import io.raftsim.raft.message.ClientRequest;
import io.raftsim.raft.message.Message;
import io.raftsim.raft.message.RaftMessage;
import io.raftsim.raft.node.Effects;
import io.raftsim.raft.node.HardState;
import io.raftsim.harness.event.RaftEvent;
import io.raftsim.raft.node.RaftNode;
import io.raftsim.raft.node.RaftTimers;
import io.raftsim.harness.spi.Role;
import io.raftsim.sim.engine.ProcessContext;
import io.raftsim.sim.storage.DurableLog;
import io.raftsim.sim.storage.DurableStorage;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Hosts a {@link RaftNode} in the engine: feeds it inputs with the node's clock reading,
 * then carries out its effects in the order Raft requires: persist (and sync) first, then
 * send, then arm timers, then apply newly committed entries to the state machine and answer
 * the clients waiting for them.
 */
public final class RaftServer implements RaftProcess<Message> {
    /** Where the hard state and the log live in a server's durable storage. */
    public static final String HARD_STATE_KEY = "hardState";
    public static final String LOG_NAME = "log";

    private final ProcessContext<Message> context;
    private final RaftConfig config;
    private final RaftServerProbe probe = new RaftServerProbe(this);
    private final Effects effects;
    private final KvStateMachine stateMachine;
    private final DurableLog<LogEntry> storedLog;
    /** Clients waiting for an entry this leader appended: client id -> sequence. */
    private final TreeMap<Integer, Long> waitingClients = new TreeMap<>();
    private final long firstElectionTimeoutMicros;
    private RaftNode node;

    // Planted bugs (test-only), resolved once; the node and the state machine get the same set.
    private final Set<Bug> plantedBugs;
    private final boolean bugVoteNotPersisted;
    private final boolean bugReplyBeforePersist;
    private final boolean bugStaleLocalRead;

    public RaftServer(ProcessContext<Message> context, RaftConfig config) {
        this(context, config, 0, EnumSet.noneOf(Bug.class));
    }

    /**
     * @param firstElectionTimeoutMicros the first election timeout of this incarnation, or 0 for a random one
     * @param plantedBugs known mistakes ({@link Bug}), for tests of the checks only; empty in every real run
     */
    public RaftServer(ProcessContext<Message> context, RaftConfig config, long firstElectionTimeoutMicros, Set<Bug> plantedBugs) {
        this.firstElectionTimeoutMicros = firstElectionTimeoutMicros;
        this.context = context;
        this.config = config;
        this.effects = new Effects(context.tracing());
        this.storedLog = context.storage().log(LOG_NAME);
        this.plantedBugs = plantedBugs.isEmpty() ? EnumSet.noneOf(Bug.class) : EnumSet.copyOf(plantedBugs);
        this.bugVoteNotPersisted = plantedBugs.contains(Bug.VOTE_NOT_PERSISTED);
        this.bugReplyBeforePersist = plantedBugs.contains(Bug.REPLY_BEFORE_PERSIST);
        this.bugStaleLocalRead = plantedBugs.contains(Bug.STALE_LOCAL_READ);
        this.stateMachine = new KvStateMachine(plantedBugs.contains(Bug.DUPLICATE_APPLY));
    }

    @Override
    public void onStart() {
        DurableStorage storage = context.storage();
        HardState hardState = storage.get(HARD_STATE_KEY);
        List<LogEntry> persisted = new ArrayList<>(storedLog.size());
        for (int i = 0; i < storedLog.size(); i++) {
            persisted.add(storedLog.get(i));
        }
        node = new RaftNode(context.nodeId(), config, hardState == null ? HardState.INITIAL : hardState,
                persisted, context.random(), LogListener.NONE, effects, plantedBugs);
        if (context.tracing()) {
            RaftEvent restored = new RaftEvent.Restored(node.id(), node.currentTerm(), node.votedFor(), node.log().lastIndex(), node.log().lastTerm());
            context.trace(restored.toString(), restored);
        }
        if (firstElectionTimeoutMicros > 0) {
            node.start(context.nowMicros(), firstElectionTimeoutMicros);
        } else {
            node.start(context.nowMicros());
        }
        carryOutEffects();
    }

    @Override
    public void onMessage(int from, Message message) {
        if (message instanceof RaftMessage rpc) {
            node.receive(context.nowMicros(), from, rpc);
        } else if (message instanceof ClientRequest request) {
            handleClient(from, request);
        }
        carryOutEffects();
    }

    @Override
    public void onTimer(int timerId) {
        node.timerFired(context.nowMicros(), timerId);
        carryOutEffects();
    }

    private void handleClient(int from, ClientRequest request) {
        KvResult cached = stateMachine.cachedResult(request.clientId(), request.sequence());
        if (cached != null) {
            // Already committed and applied: the session holds the one true answer (ch. 6.3).
            context.send(from, new ClientReply(request.clientId(), request.sequence(), ClientReply.Status.OK, cached, node.leaderId()));
            return;
        }
        if (node.role() != Role.LEADER) {
            context.send(from, new ClientReply(request.clientId(), request.sequence(), ClientReply.Status.NOT_LEADER, null, node.leaderId()));
            return;
        }
        if (bugStaleLocalRead && request.command() instanceof Get get) {
            // Planted bug: a read served from local state by a node that only believes it leads;
            // a deposed leader, or a new one that has not yet applied its predecessors' commits,
            // answers with stale data (dissertation §6.4 requires a round of heartbeats first).
            context.send(from, new ClientReply(request.clientId(), request.sequence(), ClientReply.Status.OK,
                    stateMachine.store().apply(get), node.id()));
            return;
        }
        Long waiting = waitingClients.get(request.clientId());
        if (waiting != null && waiting == request.sequence()) {
            return; // already in our log for this term; the reply goes out when it applies
        }
        waitingClients.put(request.clientId(), request.sequence());
        node.propose(context.nowMicros(), new Command.ClientCommand(request.clientId(), request.sequence(), request.command()));
    }

    /** Persist, then send, then timers, then apply: the order Figure 2 relies on. */
    private void carryOutEffects() {
        persist();
        for (int i = 0; i < effects.messageCount(); i++) {
            context.send(effects.target(i), effects.message(i));
        }
        for (int timer = 0; timer < RaftTimers.COUNT; timer++) {
            if (effects.timerCancelled(timer)) {
                context.cancelTimer(timer);
            } else if (effects.timerChanged(timer)) {
                context.setTimer(timer, effects.timerDelayMicros(timer));
            }
        }
        if (node.role() != Role.LEADER) {
            waitingClients.clear(); // clients retry at the new leader
        }
        if (context.tracing()) {
            // Before applying, so a trace shows the commit advance ahead of the entries it applies.
            for (RaftEvent event : effects.events()) {
                context.trace(event.toString(), event);
            }
            traceTimers();
        }
        applyCommitted();
        effects.clear();
    }

    /** For traces only (never digested): the timers this step armed or cancelled, so a timeline can draw them counting down. */
    private void traceTimers() {
        for (int timer = 0; timer < RaftTimers.COUNT; timer++) {
            if (effects.timerChanged(timer)) {
                long delay = effects.timerCancelled(timer) ? -1 : effects.timerDelayMicros(timer);
                RaftEvent armed = new RaftEvent.TimerArmed(node.id(), timer, delay);
                context.trace(armed.toString(), armed);
            }
        }
    }

    private void persist() {
        boolean wrote = false;
        if (bugReplyBeforePersist && (effects.hardStateChangedFlag() || effects.logChangedFlag())) {
            // Planted bug: the previous step's writes are synced only now, after its replies went
            // out; a crash in between loses state another server was already told about.
            context.storage().sync();
        }
        if (effects.hardStateChangedFlag()) {
            // Planted bug VOTE_NOT_PERSISTED: the stored record leaves votedFor out (Figure 2 lists it as persistent).
            context.storage().put(HARD_STATE_KEY, bugVoteNotPersisted ? new HardState(node.currentTerm(), HardState.NO_VOTE) : node.hardState());
            wrote = true;
        }
        if (effects.logChangedFlag()) {
            long truncatedFrom = effects.truncatedFromIndex();
            if (truncatedFrom <= storedLog.size()) {
                storedLog.truncateFrom((int) (truncatedFrom - 1));
            }
            long last = node.log().lastIndex();
            for (long index = storedLog.size() + 1; index <= last; index++) {
                storedLog.append(node.log().entry(index));
            }
            wrote = true;
        }
        if (wrote && !bugReplyBeforePersist) {
            context.storage().sync();
        }
    }

    private void applyCommitted() {
        long commit = Math.min(node.commitIndex(), node.log().lastIndex());
        while (stateMachine.lastApplied() < commit) {
            long index = stateMachine.lastApplied() + 1;
            LogEntry entry = node.log().entry(index);
            KvResult result = stateMachine.apply(entry);
            if (context.tracing()) {
                RaftEvent applied = new RaftEvent.Applied(node.id(), index, entry.term(), entry.command().describe());
                context.trace(applied.toString(), applied);
            }
            if (result != null && entry.command() instanceof Command.ClientCommand command) {
                Long waiting = waitingClients.get(command.clientId());
                if (waiting != null && waiting == command.sequence()) {
                    waitingClients.remove(command.clientId());
                    context.send(command.clientId(), new ClientReply(command.clientId(), command.sequence(), ClientReply.Status.OK, result, node.id()));
                }
            }
        }
    }

    public RaftNode node() {
        return node;
    }

    public KvStateMachine stateMachine() {
        return stateMachine;
    }

    /** What the harness's checks read after every step. */
    @Override
    public ServerProbe probe() {
        return probe;
    }
}
