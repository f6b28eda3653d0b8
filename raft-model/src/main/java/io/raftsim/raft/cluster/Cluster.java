package io.raftsim.raft.cluster;

import io.raftsim.raft.bugs.Bug;
import io.raftsim.raft.check.EfficiencyBounds;
import io.raftsim.raft.check.EfficiencyMonitor;
import io.raftsim.raft.check.SafetyMonitor;
import io.raftsim.raft.client.ClientSwitch;
import io.raftsim.raft.client.KvClient;
import io.raftsim.raft.kv.Put;
import io.raftsim.raft.linearizability.CheckResult;
import io.raftsim.raft.linearizability.History;
import io.raftsim.raft.linearizability.LinearizabilityChecker;
import io.raftsim.raft.linearizability.Operation;
import io.raftsim.raft.log.Command;
import io.raftsim.raft.log.LogEntry;
import io.raftsim.raft.message.Message;
import io.raftsim.raft.message.MessageCodecs;
import io.raftsim.raft.node.HardState;
import io.raftsim.raft.node.RaftNode;
import io.raftsim.raft.node.Role;
import io.raftsim.raft.server.CompositeHostListener;
import io.raftsim.raft.server.RaftHostListener;
import io.raftsim.raft.server.RaftServer;
import io.raftsim.sim.engine.Engine;
import io.raftsim.sim.engine.Process;
import io.raftsim.sim.engine.ProcessContext;
import io.raftsim.sim.engine.RunResult;
import io.raftsim.sim.engine.RunStatus;
import io.raftsim.sim.fault.FaultSchedule;
import io.raftsim.sim.fault.TimedFault;
import io.raftsim.sim.storage.DurableLog;
import io.raftsim.sim.storage.DurableStorage;
import io.raftsim.sim.trace.TraceSink;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A Raft cluster in the engine: servers 0..n-1, clients n..n+c-1, the safety monitor as an
 * observer after every step, and the client history. {@link #run} plays a schedule of
 * faults (the safety phase), then heals everything and requires progress (the liveness
 * phase), then checks the history for linearizability.
 */
public final class Cluster {
    private final ClusterSpec spec;
    private final Engine<Message> engine;
    private final SafetyMonitor monitor;
    private final EfficiencyMonitor efficiency;
    private final History history;
    private final ClientSwitch clientSwitch = new ClientSwitch();
    /** Whether each server has started once: a chosen first election timeout applies to the first incarnation only. */
    private final boolean[] incarnated;
    private long[] firstElectionTimeoutsMicros;
    /** The monitor, or the monitor followed by the listeners added before the run. */
    private RaftHostListener listener;
    private CheckResult linearizability;
    /** Known mistakes planted in every server; empty except in tests of the checks. */
    private final Set<Bug> plantedBugs;

    public Cluster(ClusterSpec spec, long seed, TraceSink traceSink) {
        this(spec, seed, traceSink, EnumSet.noneOf(Bug.class));
    }

    /**
     * A cluster whose servers carry the given planted bugs. A separate argument, not a field of
     * {@link ClusterSpec} or {@code RaftConfig}, so that no production configuration can plant one.
     */
    public Cluster(ClusterSpec spec, long seed, TraceSink traceSink, Set<Bug> plantedBugs) {
        this.spec = spec;
        this.plantedBugs = plantedBugs.isEmpty() ? EnumSet.noneOf(Bug.class) : EnumSet.copyOf(plantedBugs);
        int servers = spec.servers();
        this.monitor = new SafetyMonitor(servers);
        this.efficiency = new EfficiencyMonitor(servers, EfficiencyBounds.of(spec.raft(), spec.links()), spec.raft().preVote(), spec.links());
        this.listener = new CompositeHostListener(List.of(monitor, efficiency));
        this.incarnated = new boolean[servers];
        this.history = new History(spec.maxHistoryOperations());
        this.engine = Engine.builder(servers + spec.workload().clientCount(), this::createProcess, MessageCodecs.INSTANCE)
                .seed(seed)
                .links(spec.links())
                .limits(spec.limits())
                .syncMode(spec.syncMode())
                .trace(traceSink)
                .observer(monitor)
                .observer(efficiency)
                .build();
        monitor.attach(engine);
        efficiency.attach(engine);
    }

    private Process<Message> createProcess(ProcessContext<Message> context) {
        int id = context.nodeId();
        if (id < spec.servers()) {
            long firstTimeoutMicros = firstElectionTimeoutsMicros != null && !incarnated[id] ? firstElectionTimeoutsMicros[id] : 0;
            incarnated[id] = true;
            return new RaftServer(context, spec.raft(), listener, firstTimeoutMicros, plantedBugs);
        }
        return new KvClient(context, spec.servers(), spec.workload(), clientSwitch, history);
    }

    /**
     * Adds a listener told of every server's log changes, applies and handled inputs, after
     * the safety monitor (which so sees every step first). Only before the run starts.
     */
    public void addListener(RaftHostListener more) {
        requireNotStarted("listeners");
        List<RaftHostListener> all = new ArrayList<>();
        if (listener instanceof CompositeHostListener composite) {
            all.addAll(composite.listeners());
        } else {
            all.add(listener);
        }
        all.add(more);
        listener = new CompositeHostListener(all);
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
        clientSwitch.addBurst(count);
        for (int id = spec.servers(); id < engine.processCount(); id++) {
            if (engine.process(id) instanceof KvClient client) {
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
     */
    private ClusterOutcome runLivenessPhase(long healAtMicros) {
        for (TimedFault recovery : FaultSchedule.recoverAll(spec.servers(), healAtMicros, spec.links())) {
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
        efficiency.finish();
        if (efficiency.failedProperty() != null) {
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
        List<LogEntry> log = new ArrayList<>(entries);
        for (int i = 0; i < entries; i++) {
            log.add(new LogEntry(1, i + 1, new Command.ClientCommand(PRELOAD_CLIENT_ID, i + 1, new Put("k" + (i % 16), "v" + i))));
        }
        for (int server = 0; server < spec.servers(); server++) {
            preload(server, new HardState(1, HardState.NO_VOTE), log);
        }
    }

    /**
     * Before the run starts, gives one server a durable state as if written by earlier
     * incarnations: a scenario can start from the middle of a story (the paper's Figure 8).
     */
    public void preload(int server, HardState hardState, List<LogEntry> log) {
        requireNotStarted("preloaded state");
        DurableStorage storage = engine.storage(server);
        storage.put(RaftServer.HARD_STATE_KEY, hardState);
        DurableLog<LogEntry> durableLog = storage.log(RaftServer.LOG_NAME);
        for (LogEntry entry : log) {
            durableLog.append(entry);
        }
        storage.sync();
    }

    /** A client id no simulated client has, so preloaded sessions never shadow real ones. */
    private static final int PRELOAD_CLIENT_ID = 1_000_000;

    /** An up server that leads and has committed an entry of its own term, or -1. */
    public int leaderWithCommitInTerm() {
        for (int id = 0; id < spec.servers(); id++) {
            RaftServer server = server(id);
            if (server != null) {
                RaftNode node = server.node();
                if (node.role() == Role.LEADER && node.commitIndex() > 0 && node.log().term(node.commitIndex()) == node.currentTerm()) {
                    return id;
                }
            }
        }
        return -1;
    }

    /** The up server in the leader role with the highest term, or -1. */
    public int currentLeader() {
        int leader = -1;
        long term = -1;
        for (int id = 0; id < spec.servers(); id++) {
            RaftServer server = server(id);
            if (server != null && server.node().role() == Role.LEADER && server.node().currentTerm() > term) {
                leader = id;
                term = server.node().currentTerm();
            }
        }
        return leader;
    }

    public int pendingClientOperations() {
        int pending = 0;
        for (int id = spec.servers(); id < engine.processCount(); id++) {
            if (engine.process(id) instanceof KvClient client && client.hasPendingOperation()) {
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
                invoked, completed, invoked - completed);
    }

    /** The live server {@code id}, or null while it is crashed. */
    public RaftServer server(int id) {
        return (RaftServer) engine.process(id);
    }

    /** The result of the linearizability check, or null when the run ended before it. */
    public CheckResult linearizability() {
        return linearizability;
    }

    public Engine<Message> engine() {
        return engine;
    }

    public SafetyMonitor monitor() {
        return monitor;
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

    /** The bugs planted in this cluster's servers (empty in every production run). */
    public Set<Bug> plantedBugs() {
        return EnumSet.copyOf(plantedBugs.isEmpty() ? EnumSet.noneOf(Bug.class) : plantedBugs);
    }
}
