package io.raftsim.raft.server;

import io.raftsim.harness.RaftConfig;
import io.raftsim.harness.ReadMode;
import io.raftsim.harness.event.RaftEvent;
import io.raftsim.harness.spi.JointMembershipChange;
import io.raftsim.harness.spi.MembershipChange;
import io.raftsim.harness.spi.RaftProcess;
import io.raftsim.harness.spi.Role;
import io.raftsim.harness.spi.ServerProbe;
import io.raftsim.harness.kv.Get;
import io.raftsim.harness.kv.KvResult;
import io.raftsim.raft.log.Command;
import io.raftsim.raft.log.Configuration;
import io.raftsim.raft.log.DurableEntryLog;
import io.raftsim.raft.log.LogEntry;
import io.raftsim.raft.message.ClientReply;
import io.raftsim.raft.message.ClientRequest;
import io.raftsim.raft.message.Message;
import io.raftsim.raft.message.RaftMessage;
import io.raftsim.raft.node.Effects;
import io.raftsim.raft.node.HardState;
import io.raftsim.raft.node.RaftNode;
import io.raftsim.raft.node.RaftRules;
import io.raftsim.raft.node.RaftTimers;
import io.raftsim.raft.snapshot.Snapshot;
import io.raftsim.sim.engine.ProcessContext;
import io.raftsim.sim.storage.DurableStorage;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Hosts a {@link RaftNode} in the engine: feeds it inputs with the node's clock reading,
 * then carries out its {@link Effects} in the order Raft requires: persist (and sync) first,
 * then send, then arm timers, then apply newly committed entries to the state machine and
 * answer the clients waiting for them. It writes exactly what the effects say and never reads
 * the node's state back to decide what to store or apply.
 */
public final class RaftServer implements RaftProcess<Message> {
    /** Where the hard state and the log live in a server's durable storage. */
    public static final String HARD_STATE_KEY = "hardState";
    public static final String LOG_NAME = "log";
    /** Where the latest snapshot lives (§7); the durable log then holds only the entries after it. */
    public static final String SNAPSHOT_KEY = "snapshot";

    private final ProcessContext<Message> context;
    private final RaftConfig config;
    private final RaftServerProbe probe = new RaftServerProbe(this);
    private final Effects effects;
    private final KvStateMachine stateMachine;
    private final DurableEntryLog storedLog;
    /** Clients waiting for an entry this leader appended: client id -> sequence. */
    private final WaitingClients waitingClients = new WaitingClients();
    /** Reads the node is confirming (§6.4), by the id the node names them by when they may be answered. */
    private final TreeMap<Long, ClientRequest> waitingReads = new TreeMap<>();
    private long lastReadId;
    private final long firstElectionTimeoutMicros;
    /** The rules the node, this host and the state machine follow alike. */
    private final RaftRules rules;
    /** The configuration before any configuration entry: the scenario's initial members (dissertation §4.1). */
    private final Configuration initialConfiguration;
    private RaftNode node;
    /** The last index the stored snapshot covers (0 without one): the durable log's position 0 holds the entry after it. */
    private long storedSnapshotIndex;
    /**
     * For the checks only (the probe), never for a decision: the index and payload fingerprint of
     * the last entry this incarnation's latest own snapshot covered. A sole voter compacts an
     * entry in the step it appends and commits it, so the checks never see it in the log.
     */
    private long ownSnapshotIndex;
    private long ownSnapshotLastPayloadFingerprint;

    public RaftServer(ProcessContext<Message> context, RaftConfig config) {
        this(context, config, 0, RaftRules.PAPER);
    }

    /**
     * @param firstElectionTimeoutMicros the first election timeout of this incarnation, or 0 for a random one
     * @param rules the rules to follow: {@link RaftRules#PAPER} in every real run
     */
    public RaftServer(ProcessContext<Message> context, RaftConfig config, long firstElectionTimeoutMicros, RaftRules rules) {
        this(context, config, Configuration.allOf(config.clusterSize()), firstElectionTimeoutMicros, rules);
    }

    /** As above, in a cluster whose initial configuration is {@code initialConfiguration}; the other slots are spare. */
    public RaftServer(ProcessContext<Message> context, RaftConfig config, Configuration initialConfiguration, long firstElectionTimeoutMicros,
                      RaftRules rules) {
        this.initialConfiguration = initialConfiguration;
        this.firstElectionTimeoutMicros = firstElectionTimeoutMicros;
        this.context = context;
        this.config = config;
        this.effects = new Effects(context.tracing());
        this.storedLog = DurableEntryLog.in(context.storage(), LOG_NAME);
        this.rules = rules;
        this.stateMachine = new KvStateMachine(rules);
    }

    @Override
    public void onStart() {
        DurableStorage storage = context.storage();
        HardState hardState = storage.get(HARD_STATE_KEY);
        // §7: a restart loads the snapshot into the state machine, then the log replays what follows it.
        Snapshot stored = storage.get(SNAPSHOT_KEY);
        storedSnapshotIndex = stored == null ? 0 : stored.lastIncludedIndex();
        if (stored != null) {
            stateMachine.install(stored);
        }
        node = new RaftNode(context.nodeId(), config, initialConfiguration, hardState == null ? HardState.INITIAL : hardState,
                stored, storedLog.entries(), context.random(), effects, rules);
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

    @Override
    public MembershipChange.Answer changeMembership(MembershipChange change) {
        if (change.server() >= config.clusterSize()) {
            return MembershipChange.Answer.NOT_APPLICABLE;
        }
        MembershipChange.Answer answer = node.changeMembership(context.nowMicros(), change);
        carryOutEffects();
        return answer;
    }

    @Override
    public MembershipChange.Answer changeMembership(JointMembershipChange change) {
        for (int server : change.servers()) {
            if (server >= config.clusterSize()) {
                return MembershipChange.Answer.NOT_APPLICABLE;
            }
        }
        MembershipChange.Answer answer = node.changeMembership(context.nowMicros(), change);
        carryOutEffects();
        return answer;
    }

    /**
     * The leader a client is pointed to, -1 for none. A server outside its latest configuration
     * names none: once it holds its removal no leader sends it anything (§4.2.2), so the leader it
     * knows is stale for good, and two removed servers naming each other's old leaders sent a client
     * in circles without ever reaching the real one (random sweep, seed 9297).
     */
    private int leaderHint() {
        return node.configuration().isMember(node.id()) ? node.leaderId() : -1;
    }

    private void handleClient(int from, ClientRequest request) {
        KvResult cached = stateMachine.cachedResult(request.clientId(), request.sequence());
        if (cached != null) {
            // Already committed and applied: the session holds the one true answer (ch. 6.3).
            context.send(from, new ClientReply(request.clientId(), request.sequence(), ClientReply.Status.OK, cached, node.leaderId()));
            return;
        }
        if (node.role() != Role.LEADER) {
            context.send(from, new ClientReply(request.clientId(), request.sequence(), ClientReply.Status.NOT_LEADER, null, leaderHint()));
            return;
        }
        if (rules.servesReadsLocally() && request.command() instanceof Get get) {
            context.send(from, new ClientReply(request.clientId(), request.sequence(), ClientReply.Status.OK,
                    stateMachine.store().apply(get), node.id()));
            return;
        }
        if (config.readMode() != ReadMode.LOG && request.command() instanceof Get) {
            readWithoutLog(from, request);
            return;
        }
        if (node.transferTarget() >= 0) {
            // §3.10: no new entries while leadership moves; the client goes where it is moving.
            context.send(from, new ClientReply(request.clientId(), request.sequence(), ClientReply.Status.NOT_LEADER, null, node.transferTarget()));
            return;
        }
        if (waitingClients.waitsOn(request.clientId(), request.sequence())) {
            return; // already in our log for this term; the reply goes out when it applies
        }
        waitingClients.put(request.clientId(), request.sequence());
        node.propose(context.nowMicros(), new Command.ClientCommand(request.clientId(), request.sequence(), request.command()));
    }

    /**
     * A Get under ReadIndex or lease reads: the node decides when it may be answered (§6.4). A
     * retry of a read already waiting stays one read; a client's newer request replaces its older
     * one (clients have one request outstanding), so at most one read per client waits.
     */
    private void readWithoutLog(int from, ClientRequest request) {
        Long previous = null;
        for (var waiting : waitingReads.entrySet()) {
            if (waiting.getValue().clientId() == request.clientId()) {
                previous = waiting.getKey();
                break;
            }
        }
        if (previous != null) {
            if (waitingReads.get(previous).sequence() == request.sequence()) {
                return; // already waiting; answered when the node says so
            }
            waitingReads.remove(previous);
        }
        long readId = ++lastReadId;
        if (node.read(context.nowMicros(), readId)) {
            waitingReads.put(readId, request);
        } else {
            context.send(from, new ClientReply(request.clientId(), request.sequence(), ClientReply.Status.NOT_LEADER, null, node.leaderId()));
        }
    }

    /** Dissertation §3.10: hands leadership to {@code target} if this server leads (see {@link RaftNode#transferLeadership}). */
    @Override
    public void transferLeadership(int target) {
        node.transferLeadership(context.nowMicros(), target);
        carryOutEffects();
    }

    /** Persist, then send, then timers, then apply: the order Figure 2 relies on (see {@link Effects}). */
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
            waitingReads.clear();
        }
        if (context.tracing()) {
            // Before applying, so a trace shows the commit advance ahead of the entries it applies.
            for (RaftEvent event : effects.events()) {
                context.trace(event.toString(), event);
            }
            traceTimers();
        }
        applyCommitted();
        answerReads();
        effects.clear();
        maybeSnapshot();
    }

    /**
     * §7: once {@code snapshotEveryEntries} applied entries follow the last snapshot, the state
     * machine's state becomes the new snapshot and the node compacts its log through it; the
     * snapshot is then stored like any other effect, before anything is sent.
     */
    private void maybeSnapshot() {
        if (!config.snapshots() || stateMachine.lastApplied() - node.log().snapshotIndex() < config.snapshotEveryEntries()) {
            return;
        }
        long through = rules.snapshotThrough(stateMachine.lastApplied(), node.log().lastIndex());
        for (long index = stateMachine.lastApplied() + 1; index <= through; index++) {
            stateMachine.apply(node.log().entry(index)); // only rules that snapshot past lastApplied get here
        }
        Snapshot taken = new Snapshot(through, node.log().term(through), stateMachine.snapshotState(), node.configurationAt(through));
        ownSnapshotIndex = through;
        ownSnapshotLastPayloadFingerprint = node.log().entry(through).command().fingerprint();
        node.snapshotTaken(context.nowMicros(), taken);
        carryOutEffects();
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

    /** Stores what the effects say, then syncs, so that nothing is sent before it is durable. */
    private void persist() {
        if (!effects.mustPersist()) {
            return;
        }
        DurableStorage storage = context.storage();
        boolean syncsBeforeSending = rules.syncsBeforeSending();
        if (!syncsBeforeSending) {
            // Rules that sync late: only the previous step's writes become durable now, after its
            // messages went out.
            storage.sync();
        }
        if (effects.snapshot() != null) {
            storeSnapshot(storage, effects.snapshot(), effects.logDiscarded());
        }
        HardState hardState = effects.hardState();
        if (hardState != null) {
            storage.put(HARD_STATE_KEY, hardState);
        }
        long truncateFrom = effects.truncateFromIndex();
        if (truncateFrom != Effects.NO_TRUNCATION) {
            storedLog.truncateFrom((int) (truncateFrom - storedSnapshotIndex - 1));
        }
        storedLog.appendFrom(node.log(), effects.entriesToAppend());
        assert storedSnapshotIndex + storedLog.size() == node.log().lastIndex()
                : "node " + node.id() + ": durable log of " + storedLog.size() + " entries after persisting, log of " + node.log().lastIndex();
        if (syncsBeforeSending) {
            storage.sync();
        }
    }

    /**
     * Stores the snapshot and drops the entries it covers from the durable log (all of them when the
     * install discarded the log), in the same sync as the rest of the step: a crash keeps both or
     * neither. The log is rewritten because durable logs only truncate a suffix; what remains is the
     * uncommitted tail after the snapshot, a few entries.
     */
    private void storeSnapshot(DurableStorage storage, Snapshot snapshot, boolean logDiscarded) {
        storage.put(SNAPSHOT_KEY, snapshot);
        int covered = logDiscarded ? storedLog.size() : (int) Math.min(storedLog.size(), snapshot.lastIncludedIndex() - storedSnapshotIndex);
        List<LogEntry> kept = new ArrayList<>(storedLog.size() - covered);
        for (int i = covered; i < storedLog.size(); i++) {
            kept.add(storedLog.get(i));
        }
        storedLog.truncateFrom(0);
        for (LogEntry entry : kept) {
            storedLog.append(entry);
        }
        storedSnapshotIndex = snapshot.lastIncludedIndex();
        if (effects.snapshotInstalled()) {
            // Figure 13, step 8: the state machine becomes the snapshot's, sessions included.
            stateMachine.install(snapshot);
        }
    }

    private void applyCommitted() {
        List<LogEntry> committed = effects.entriesToApply();
        for (int i = 0; i < committed.size(); i++) {
            LogEntry entry = committed.get(i);
            long index = entry.index();
            KvResult result = stateMachine.apply(entry);
            if (context.tracing()) {
                RaftEvent applied = new RaftEvent.Applied(node.id(), index, entry.term(), entry.command().describe());
                context.trace(applied.toString(), applied);
            }
            if (result != null && entry.command() instanceof Command.ClientCommand command) {
                if (waitingClients.waitsOn(command.clientId(), command.sequence())) {
                    waitingClients.remove(command.clientId());
                    context.send(command.clientId(), new ClientReply(command.clientId(), command.sequence(), ClientReply.Status.OK, result, node.id()));
                }
            }
        }
    }

    /** After applying (§6.4 step 4: lastApplied >= readIndex), the reads the node released are answered from the state machine. */
    private void answerReads() {
        for (int i = 0; i < effects.readsReadyCount(); i++) {
            ClientRequest request = waitingReads.remove(effects.readReady(i));
            if (request != null) {
                context.send(request.clientId(), new ClientReply(request.clientId(), request.sequence(), ClientReply.Status.OK,
                        stateMachine.store().apply(request.command()), node.id()));
            }
        }
    }

    /** The payload fingerprint of entry {@code index} if this incarnation's latest own snapshot ended there (for the probe). */
    OptionalLong ownSnapshotPayloadFingerprintAt(long index) {
        return index > 0 && index == ownSnapshotIndex ? OptionalLong.of(ownSnapshotLastPayloadFingerprint) : OptionalLong.empty();
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
