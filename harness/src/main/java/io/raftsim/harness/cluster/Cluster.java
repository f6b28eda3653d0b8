package io.raftsim.harness.cluster;

import java.util.Collections;
import io.raftsim.harness.check.EfficiencyBounds;
import io.raftsim.harness.check.EfficiencyMonitor;
import io.raftsim.harness.check.SafetyMonitor;
import io.raftsim.harness.client.ClientSwitch;
import io.raftsim.harness.client.KvClient;
import io.raftsim.harness.kv.Put;
import io.raftsim.harness.linearizability.CheckResult;
import io.raftsim.harness.linearizability.History;
import io.raftsim.harness.linearizability.LinearizabilityChecker;
import io.raftsim.harness.linearizability.Operation;
import io.raftsim.harness.spi.Feature;
import io.raftsim.harness.spi.Implementations;
import io.raftsim.harness.spi.JointMembershipChange;
import io.raftsim.harness.spi.MembershipChange;
import io.raftsim.harness.spi.PersistedState;
import io.raftsim.harness.spi.RaftImplementation;
import io.raftsim.harness.spi.Role;
import io.raftsim.harness.spi.ServerProbe;
import io.raftsim.harness.spi.ServerSetup;
import io.raftsim.harness.wire.Packet;
import io.raftsim.harness.wire.PacketCodec;
import io.raftsim.harness.wire.WireProcess;
import io.raftsim.sim.engine.Engine;
import io.raftsim.sim.engine.Observer;
import io.raftsim.sim.engine.Violation;
import io.raftsim.sim.engine.Process;
import io.raftsim.sim.engine.ProcessContext;
import io.raftsim.sim.engine.RunResult;
import io.raftsim.sim.engine.RunStatus;
import io.raftsim.sim.fault.FaultSchedule;
import io.raftsim.sim.fault.TimedFault;
import io.raftsim.sim.storage.DurableStorage;
import io.raftsim.sim.trace.TraceSink;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Raft cluster in the engine: servers 0..n-1 of the implementation the spec names,
 * clients n..n+c-1, the safety monitor as an observer after every step, and the client
 * history. {@link #run} plays a schedule of faults (the safety phase), then heals everything
 * and requires progress (the liveness phase), then checks the history for linearizability.
 * It knows the implementation only through the seam ({@link RaftImplementation}): messages
 * cross the network as bytes, and the checks read each server's probe after every step.
 */
public final class Cluster {
    private final ClusterSpec spec;
    private final Wiring<?> wiring;
    private final Engine<Packet> engine;
    private final SafetyMonitor monitor;
    private final EfficiencyMonitor efficiency;
    private boolean efficiencyChecked;
    /** The initial configuration's voters, ascending: every server unless a scenario declares spare slots. */
    private List<Integer> initialMembers;
    private final History history;
    private final ClientSwitch clientSwitch = new ClientSwitch();
    /** Incarnations so far, per server: a chosen first election timeout applies to the first only. */
    private final int[] incarnations;
    private long[] firstElectionTimeoutsMicros;
    /** The harness's copy of each server's log, kept across incarnations. */
    private final LogMirror[] logs;
    /** The monitor, or the monitor followed by the listeners added before the run. */
    private ServerListener listener;
    private CheckResult linearizability;
    private final List<Observer<Packet>> moreObservers = new ArrayList<>();
    /** Known mistakes planted in every server, by the implementation's names; empty except in tests of the checks. */
    private final Set<String> plantedMistakes;

    public Cluster(ClusterSpec spec, long seed, TraceSink traceSink) {
        this(spec, seed, traceSink, new TreeSet<>());
    }

    /**
     * A cluster whose servers carry the given planted mistakes ({@link RaftImplementation#plantableMistakes()}).
     * A separate argument, not a field of {@link ClusterSpec}, so that no production configuration can plant one.
     */
    public Cluster(ClusterSpec spec, long seed, TraceSink traceSink, Set<String> plantedMistakes) {
        this.spec = spec;
        RaftImplementation<?> implementation = Implementations.named(spec.implementation());
        for (String mistake : plantedMistakes) {
            if (implementation.plantableMistake(mistake) == null) {
                throw new IllegalArgumentException(implementation.name() + " has no planted mistake " + mistake);
            }
        }
        this.plantedMistakes = new TreeSet<>(plantedMistakes);
        this.wiring = Wiring.of(implementation);
        int servers = spec.servers();
        this.monitor = new SafetyMonitor(servers);
        this.efficiency = new EfficiencyMonitor(servers, EfficiencyBounds.of(spec.raft(), spec.links()), spec.raft().preVote(), spec.links());
        // The efficiency bounds are derived from the configured timing: an implementation that
        // rounds or rescales it (whole-second heartbeats, say) would miss them by design, so its
        // runs are not judged on efficiency at all, and say so (efficiencyChecked()).
        this.efficiencyChecked = implementation.features().contains(Feature.EXACT_TIMING);
        this.listener = efficiencyChecked ? new ServerListeners(List.of(monitor, efficiency)) : monitor;
        this.initialMembers = allServers(servers);
        this.incarnations = new int[servers];
        this.logs = new LogMirror[servers];
        for (int i = 0; i < servers; i++) {
            logs[i] = new LogMirror();
            logs[i].committedPrefix(monitor::committedHashThrough);
        }
        this.history = new History(spec.maxHistoryOperations());
        Engine.Builder<Packet> builder = Engine.builder(servers + spec.workload().clientCount(), this::createProcess, wiring.packets)
                .seed(seed)
                .links(spec.links())
                .servers(servers)
                .limits(spec.limits())
                .syncMode(spec.syncMode())
                .trace(traceSink)
                .observer(monitor);
        if (efficiencyChecked) {
            builder.observer(efficiency);
        }
        // After the checks of the harness, those a caller adds before the run (a scenario's mid-run checks).
        builder.observer(view -> {
            for (int i = 0; i < moreObservers.size(); i++) {
                Violation violation = moreObservers.get(i).afterStep(view);
                if (violation != null) {
                    return violation;
                }
            }
            return null;
        });
        this.engine = builder.build();
        monitor.attach(engine, logs);
        efficiency.attach(engine, this::probe);
    }

    /** An implementation with its codec, captured once so its message type stays one type. */
    private record Wiring<T>(RaftImplementation<T> implementation, PacketCodec<T> packets) {
        static <T> Wiring<T> of(RaftImplementation<T> implementation) {
            return new Wiring<>(implementation, new PacketCodec<>(implementation.codec()));
        }
    }

    private Process<Packet> createProcess(ProcessContext<Packet> context) {
        return create(wiring, context);
    }

    private <T> Process<Packet> create(Wiring<T> wired, ProcessContext<Packet> context) {
        int id = context.nodeId();
        if (id < spec.servers()) {
            long firstTimeoutMicros = firstElectionTimeoutsMicros != null && incarnations[id] == 0 ? firstElectionTimeoutsMicros[id] : 0;
            incarnations[id]++;
            ServerSetup setup = new ServerSetup(id, members(), spec.raft(), spec.implementationSettings(), plantedMistakes,
                    incarnations[id], firstTimeoutMicros);
            return WireProcess.create(context, wired.packets(), typed -> new ServerHost<>(id,
                    wired.implementation().create(typed, setup), wired.implementation().codec(), logs[id],
                    wired.implementation().reportsEvents() || !typed.tracing() ? listener
                            : new ServerListeners(List.of(listener, new ProbeEvents(typed)))));
        }
        return WireProcess.create(context, wired.packets(), typed -> new KvClient<>(typed, wired.implementation().clientProtocol(),
                spec.servers(), spec.workload(), clientSwitch, history));
    }

    private List<Integer> members() {
        return initialMembers;
    }

    private static List<Integer> allServers(int servers) {
        List<Integer> members = new ArrayList<>(servers);
        for (int i = 0; i < servers; i++) {
            members.add(i);
        }
        return List.copyOf(members);
    }

    /**
     * Makes only {@code members} (ascending, distinct, at least one) the initial configuration's
     * voters; the other server slots are spare: they run, start empty and know they are not
     * voters until a membership change adds them (dissertation §4.1). Needs
     * {@link Feature#MEMBERSHIP_CHANGES} unless every server is a member. Only before the run starts.
     */
    public void setInitialMembers(List<Integer> members) {
        requireNotStarted("initial members");
        List<Integer> copy = List.copyOf(members);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("the initial configuration needs a member");
        }
        for (int i = 0; i < copy.size(); i++) {
            if (copy.get(i) < 0 || copy.get(i) >= spec.servers() || i > 0 && copy.get(i) <= copy.get(i - 1)) {
                throw new IllegalArgumentException("initial members must be distinct servers, ascending: " + copy);
            }
        }
        if (copy.size() < spec.servers() && !wiring.implementation().features().contains(Feature.MEMBERSHIP_CHANGES)) {
            throw new UnsupportedOperationException(spec.implementation() + " has no membership changes, so no spare servers");
        }
        initialMembers = copy;
    }

    /**
     * Stops judging efficiency: its bounds assume every server is a voter from start to end, which
     * membership changes and spare servers break. Only before the run starts.
     */
    public void skipEfficiencyChecks() {
        requireNotStarted("efficiency checks");
        efficiencyChecked = false;
    }

    /**
     * Asks live server {@code leader} for a membership change now (a scenario step); the answer
     * says whether it appended the new configuration. NOT_LEADER when it is down.
     */
    public MembershipChange.Answer changeMembership(int leader, MembershipChange change) {
        ServerHost<?> host = host(leader);
        if (host == null) {
            return MembershipChange.Answer.NOT_LEADER;
        }
        return host.changeMembership(change);
    }

    /**
     * Asks live server {@code leader} for a change of several servers at once by joint consensus
     * (dissertation §4.3) now, as {@link #changeMembership(int, MembershipChange)} does.
     */
    public MembershipChange.Answer changeMembership(int leader, JointMembershipChange change) {
        ServerHost<?> host = host(leader);
        if (host == null) {
            return MembershipChange.Answer.NOT_LEADER;
        }
        return host.changeMembership(change);
    }

    /**
     * Adds a listener told of every server's log changes, applies and handled inputs, after
     * the safety monitor (which so sees every step first). Only before the run starts.
     */
    public void addListener(ServerListener more) {
        requireNotStarted("listeners");
        List<ServerListener> all = new ArrayList<>();
        if (listener instanceof ServerListeners composite) {
            all.addAll(composite.listeners());
        } else {
            all.add(listener);
        }
        all.add(more);
        listener = new ServerListeners(all);
    }

    /**
     * Adds an observer run after every step, after the safety and efficiency monitors; a
     * violation it returns ends the run like theirs. Only before the run starts.
     */
    public void addObserver(Observer<Packet> more) {
        requireNotStarted("observers");
        moreObservers.add(java.util.Objects.requireNonNull(more));
    }

    /**
     * Chooses each server's first election timeout (0 keeps it random), so a scenario can
     * stage a race; restarts draw random timeouts again. Only before the run starts.
     */
    public void setFirstElectionTimeouts(long[] micros) {
        requireNotStarted("first election timeouts");
        if (micros.length != spec.servers()) {
            throw new IllegalArgumentException("one first election timeout per server: " + micros.length + " for " + spec.servers());
        }
        firstElectionTimeoutsMicros = micros.clone();
    }

    /** Asks the clients for {@code count} operations beyond their workload, started at once by idle clients. */
    public void burst(int count) {
        submit(count, ClientSwitch.ANY_SERVER);
    }

    /**
     * Asks the clients for {@code count} operations first sent to {@code server} (leader or
     * not: a follower redirects them), or wherever they believe the leader is ({@link ClientSwitch#ANY_SERVER}).
     */
    public void submit(int count, int server) {
        if (server != ClientSwitch.ANY_SERVER && (server < 0 || server >= spec.servers())) {
            throw new IllegalArgumentException("no server " + server);
        }
        clientSwitch.addBurst(count, server);
        wakeClients();
    }

    /** The commands clients issued for {@link #submit} so far, in order, with their identities. */
    public ClientSwitch submitted() {
        return clientSwitch;
    }

    /**
     * Asks server {@code server} to hand leadership to {@code target} (dissertation §3.10);
     * false when it is down. The implementation must declare {@code Feature.LEADERSHIP_TRANSFER}.
     */
    public boolean transferLeadership(int server, int target) {
        ServerHost<?> host = host(server);
        if (host == null) {
            return false;
        }
        host.transferLeadership(target);
        return true;
    }

    /** Stops (true) or restarts the clients' own workload; submitted operations still go. */
    public void pauseClientWorkload(boolean paused) {
        clientSwitch.pauseWorkload(paused);
        if (!paused) {
            for (int id = spec.servers(); id < engine.processCount(); id++) {
                KvClient<?> client = client(id);
                if (client != null) {
                    client.resumeWorkload();
                }
            }
        }
    }

    /** What the cluster's processes have sent so far: server RPCs, bytes, client traffic. */
    public io.raftsim.harness.wire.SendCounts sent() {
        return wiring.packets().sent();
    }

    private void wakeClients() {
        for (int id = spec.servers(); id < engine.processCount(); id++) {
            KvClient<?> client = client(id);
            if (client != null) {
                client.wake();
            }
        }
    }

    private void requireNotStarted(String what) {
        if (engine.step() > 0) {
            throw new IllegalStateException(what + " must be set before the run starts");
        }
    }

    /**
     * Runs the faults for {@code durationMicros}, then (if asked) the liveness phase, then
     * the linearizability check, and classifies the run.
     */
    public ClusterOutcome run(long durationMicros, FaultSchedule faults, boolean requireLiveness) {
        faults.installOn(engine);
        RunResult result = engine.runUntil(durationMicros);
        if (result.status() != RunStatus.COMPLETED) {
            return judged(result);
        }
        if (requireLiveness) {
            ClusterOutcome liveness = runLivenessPhase(Math.max(durationMicros, faults.lastMicros()));
            if (liveness != null) {
                return liveness;
            }
        }
        return judgeHistory(engine.currentResult());
    }

    /**
     * TigerBeetle's second phase: undo every fault, stop new client work, then a leader must
     * be elected within the bound and every pending operation must complete within it again.
     * The links' own loss, duplication and long tail are faults too ({@link LinkConfig#healed}),
     * as in TigerBeetle's liveness mode: left on, "within the bound" holds only by luck, and a
     * correct Raft failed it on 8 of seeds 201..10000 of course-figure8-unreliable-loop, a
     * client's every retry or its answer lost for 3 s to the 10% loss that went on after the heal.
     */
    private ClusterOutcome runLivenessPhase(long healAtMicros) {
        for (TimedFault recovery : FaultSchedule.recoverAll(spec.servers(), healAtMicros, spec.links().healed())) {
            engine.schedule(recovery.atMicros(), recovery.action());
        }
        clientSwitch.stop();
        long bound = spec.livenessBoundMicros();
        RunResult result = engine.runUntil(healAtMicros + bound, () -> leaderWithCommitInTerm() >= 0);
        if (result.status() != RunStatus.COMPLETED) {
            return judged(result);
        }
        if (leaderWithCommitInTerm() < 0) {
            return new ClusterOutcome(Verdict.LIVENESS_FAILURE, "Liveness",
                    "no leader committed an entry of its term within " + bound / 1000 + " ms of healing", result, stats());
        }
        long deadline = engine.nowMicros() + bound;
        result = engine.runUntil(deadline, () -> pendingClientOperations() == 0);
        if (result.status() != RunStatus.COMPLETED) {
            return judged(result);
        }
        if (pendingClientOperations() > 0) {
            return new ClusterOutcome(Verdict.LIVENESS_FAILURE, "Liveness", pendingClientOperations()
                    + " client operations still pending " + bound / 1000 + " ms after a leader was elected", result, stats());
        }
        return null;
    }

    /**
     * Bound on the linearizability search, per key: a key that needs more leaves the run
     * undecided (its own verdict, never passed). Sized in docs/linearizability.md.
     */
    public static final long LINEARIZABILITY_SEARCH_STEPS_PER_KEY = 20_000_000;

    private ClusterOutcome judgeHistory(RunResult result) {
        CheckResult check = LinearizabilityChecker.check(history.operations(), LINEARIZABILITY_SEARCH_STEPS_PER_KEY);
        linearizability = check;
        return switch (check.status()) {
            case NOT_LINEARIZABLE -> new ClusterOutcome(Verdict.NOT_LINEARIZABLE, "Linearizability",
                    "the client history has no linearization: " + check.describe(), result, stats());
            case UNDECIDED, LINEARIZABLE -> judgeEfficiency(check, result);
        };
    }

    /**
     * Slow is a bug too: a bound of the efficiency checks missed is a liveness failure of its own
     * name, reported only when nothing more severe happened. It is a definite failure, so it wins
     * over a history the linearizability search could not decide, which is never a pass.
     */
    private ClusterOutcome judgeEfficiency(CheckResult check, RunResult result) {
        if (efficiencyChecked) {
            efficiency.finish();
        }
        if (efficiencyChecked && efficiency.failedProperty() != null) {
            return new ClusterOutcome(Verdict.LIVENESS_FAILURE, efficiency.failedProperty().displayName(), efficiency.failure(), result, stats());
        }
        if (check.status() == CheckResult.Status.UNDECIDED) {
            return new ClusterOutcome(Verdict.UNDECIDED, "Linearizability",
                    "the linearizability search ran out of steps: " + check.describe(), result, stats());
        }
        return new ClusterOutcome(Verdict.PASSED, null, null, result, stats());
    }

    private ClusterOutcome judged(RunResult result) {
        return switch (result.status()) {
            case VIOLATION -> new ClusterOutcome(Verdict.SAFETY_VIOLATION, result.violation().property(), result.violation().message(), result, stats());
            case LIMIT_REACHED -> new ClusterOutcome(Verdict.LIMIT_REACHED, null, "limit reached: " + result.limit(), result, stats());
            case COMPLETED -> new ClusterOutcome(Verdict.PASSED, null, null, result, stats());
        };
    }

    /**
     * Before the run starts, gives every server the same durable log of {@code entries}
     * client puts of term 1, as if written before a restart; for long-log measurements.
     */
    public void preloadLog(int entries) {
        List<PersistedState.Entry> log = new ArrayList<>(entries);
        for (int i = 0; i < entries; i++) {
            log.add(new PersistedState.Entry(1, PRELOAD_CLIENT_ID, i + 1, new Put("k" + (i % 16), "v" + i)));
        }
        requirePreload();
        List<DurableStorage> storages = new ArrayList<>(spec.servers());
        for (int server = 0; server < spec.servers(); server++) {
            storages.add(engine.storage(server));
        }
        wiring.implementation().preload(storages, new PersistedState(1, -1, log));
    }

    /**
     * Before the run starts, gives one server a durable state as if written by earlier
     * incarnations: a scenario can start from the middle of a story (the paper's Figure 8).
     */
    public void preload(int server, PersistedState state) {
        requirePreload();
        wiring.implementation().preload(engine.storage(server), state);
    }

    private void requirePreload() {
        requireNotStarted("preloaded state");
        if (!wiring.implementation().features().contains(Feature.PRELOAD)) {
            throw new UnsupportedOperationException(spec.implementation() + " cannot start from a preloaded state");
        }
    }

    /** A client id no simulated client has, so preloaded sessions never shadow real ones. */
    private static final int PRELOAD_CLIENT_ID = 1_000_000;

    /** An up server that leads and has committed an entry of its own term, or -1. */
    public int leaderWithCommitInTerm() {
        for (int id = 0; id < spec.servers(); id++) {
            ServerProbe node = probe(id);
            // The commit index may be the snapshot's last index (firstLogIndex - 1), where termAt is the snapshot's term:
            // a leader that snapshotted right after committing its first entry has no entry above it to show.
            if (node != null && node.role() == Role.LEADER && node.commitIndex() > 0 && node.commitIndex() >= node.firstLogIndex() - 1
                    && node.commitIndex() <= node.lastLogIndex() && node.termAt(node.commitIndex()) == node.currentTerm()) {
                return id;
            }
        }
        return -1;
    }

    /**
     * The members (voters of both sets while joint, and learners, ascending) of the configuration in force: the one the
     * leader of the highest term uses, or with no leader up the initial configuration. Every
     * server, without membership changes.
     */
    public List<Integer> currentMembers() {
        int leader = currentLeader();
        if (leader < 0) {
            return initialMembers;
        }
        ServerProbe probe = probe(leader);
        TreeSet<Integer> members = new TreeSet<>(probe.voters());
        members.addAll(probe.outgoingVoters()); // while joint, C_old's voters are members too (§4.3)
        members.addAll(probe.learners());
        return List.copyOf(members);
    }

    /** The up server in the leader role with the highest term, or -1. */
    public int currentLeader() {
        int leader = -1;
        long term = -1;
        for (int id = 0; id < spec.servers(); id++) {
            ServerProbe server = probe(id);
            if (server != null && server.role() == Role.LEADER && server.currentTerm() > term) {
                leader = id;
                term = server.currentTerm();
            }
        }
        return leader;
    }

    public int pendingClientOperations() {
        int pending = 0;
        for (int id = spec.servers(); id < engine.processCount(); id++) {
            KvClient<?> client = client(id);
            if (client != null && client.hasPendingOperation()) {
                pending++;
            }
        }
        return pending;
    }

    public ClusterStats stats() {
        int invoked = history.operations().size();
        int completed = 0;
        for (Operation operation : history.operations()) {
            if (operation.result() != null) {
                completed++;
            }
        }
        return new ClusterStats(monitor.electionCount(), monitor.highestLeaderTerm(), monitor.committedIndex(),
                invoked, completed, invoked - completed, monitor.learnedCommittedHashes(), monitor.unknownCommittedHashes());
    }

    /** What the checks read of live server {@code id}, or null while it is crashed. */
    public ServerProbe probe(int id) {
        ServerHost<?> host = host(id);
        return host == null ? null : host.probe();
    }

    /**
     * The live server {@code id} as its implementation made it, or null while it is crashed:
     * for an implementation's own tests, which may cast it to their class. The harness never does.
     */
    public Object server(int id) {
        ServerHost<?> host = host(id);
        return host == null ? null : host.server();
    }

    private ServerHost<?> host(int id) {
        return engine.process(id) instanceof WireProcess<?, ?> wire && wire.inner() instanceof ServerHost<?> host ? host : null;
    }

    private KvClient<?> client(int id) {
        return engine.process(id) instanceof WireProcess<?, ?> wire && wire.inner() instanceof KvClient<?> client ? client : null;
    }

    /** The implementation the servers run. */
    public RaftImplementation<?> implementation() {
        return wiring.implementation();
    }

    /** How the engine sees this cluster's packets; it decodes one for a trace. */
    public PacketCodec<?> packets() {
        return wiring.packets();
    }

    /** The result of the linearizability check, or null when the run ended before it. */
    public CheckResult linearizability() {
        return linearizability;
    }

    public Engine<Packet> engine() {
        return engine;
    }

    public SafetyMonitor monitor() {
        return monitor;
    }

    /** Whether the efficiency checks judge this run: only for implementations that honour the configured timing exactly. */
    public boolean efficiencyChecked() {
        return efficiencyChecked;
    }

    /** The efficiency checks: wasted elections, leader recovery and messages per entry in quiet windows. */
    public EfficiencyMonitor efficiency() {
        return efficiency;
    }

    public History history() {
        return history;
    }

    public ClientSwitch clientSwitch() {
        return clientSwitch;
    }

    public ClusterSpec spec() {
        return spec;
    }

    /** The mistakes planted in this cluster's servers (empty in every production run). */
    public Set<String> plantedMistakes() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(plantedMistakes));
    }
}
