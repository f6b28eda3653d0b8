package io.raftsim.reports.experiment;

import io.raftsim.harness.RaftConfig;
import io.raftsim.harness.client.Workload;
import io.raftsim.harness.cluster.Cluster;
import io.raftsim.harness.cluster.ClusterSpec;
import io.raftsim.sim.engine.ControlAction;
import io.raftsim.sim.engine.ControlTarget;
import io.raftsim.sim.engine.Engine;
import io.raftsim.harness.wire.Packet;
import io.raftsim.sim.fault.FaultAction;
import io.raftsim.sim.network.LinkConfig;
import io.raftsim.sim.random.RandomStream;
import io.raftsim.sim.trace.TraceSink;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The experiment of the Raft paper's Figure 16 (§9.3): how long a five-server cluster is
 * without a leader after the leader crashes, for several ranges of randomized election
 * timeouts. As in the paper: heartbeats every half the minimum timeout, a broadcast time of
 * about 15 ms (one-way latency uniform in [{@value #LATENCY_MIN_MICROS}, {@value #LATENCY_MAX_MICROS}] µs,
 * so a request to all four followers has every reply back within 14 ms),
 * the leader crashed at a uniformly random moment within its heartbeat interval, no clients.
 *
 * <p>Every trial is bounded: a cluster still without a leader {@value #CENSOR_AFTER_MICROS} µs
 * after the crash is reported as censored (with 150–150 ms there is no randomness, and split
 * votes can repeat forever). Each trial's seed derives from the experiment seed, the graph,
 * the range and the trial number, so one range never shifts another's trials.
 */
public final class ElectionTimingExperiment {
    public static final int SERVERS = 5;
    public static final long LATENCY_MIN_MICROS = 1_000;
    public static final long LATENCY_MAX_MICROS = 7_000;
    public static final long CENSOR_AFTER_MICROS = 10_000_000;
    /** Servers 1..4 join this long after server 0, so server 0 wins the first election even without randomness. */
    private static final long STAGGER_MICROS = 100_000;

    /** The one-way latency of every link, uniform in [minMicros, maxMicros]: all of the broadcast time, as no write takes time. */
    public record Latency(long minMicros, long maxMicros) {
        public Latency {
            if (minMicros < 0 || maxMicros < minMicros) {
                throw new IllegalArgumentException("latency " + minMicros + ".." + maxMicros + " us: expected 0 <= min <= max");
            }
        }
    }

    /** The experiment's latency: a broadcast round within 14 ms, the paper's "roughly 15ms" broadcast time. */
    public static final Latency DEFAULT_LATENCY = new Latency(LATENCY_MIN_MICROS, LATENCY_MAX_MICROS);

    /** One election timeout range of Figure 16; {@code graph} is "top" or "bottom". */
    public record Range(String graph, long minMs, long maxMs) {
        public String label() {
            return minMs + "-" + maxMs + " ms";
        }
    }

    /** The ranges of the paper's top graph (a few ms of randomness) then its bottom graph (shorter timeouts). */
    public static final List<Range> PAPER_RANGES = List.of(
            new Range("top", 150, 150), new Range("top", 150, 151), new Range("top", 150, 155),
            new Range("top", 150, 175), new Range("top", 150, 200), new Range("top", 150, 300),
            new Range("bottom", 12, 24), new Range("bottom", 25, 50), new Range("bottom", 50, 100),
            new Range("bottom", 100, 200), new Range("bottom", 150, 300));

    /** One trial: the time from the crash to a new leader, or -1 when censored. */
    public record Trial(Range range, int trial, long seed, long electionMicros) {
        public boolean censored() {
            return electionMicros < 0;
        }
    }

    /** Per-range statistics in milliseconds; censored trials count as slower than every completed one. */
    public record Summary(Range range, int trials, int censored, double meanMs, double medianMs, double p95Ms, double maxMs) {
    }

    public record Result(long seed, int trialsPerRange, Latency latency, List<Trial> trials, List<Summary> summaries, double wallSeconds) {
    }

    private ElectionTimingExperiment() {
    }

    public static Result run(long seed, int trialsPerRange, List<Range> ranges) {
        return run(seed, trialsPerRange, ranges, DEFAULT_LATENCY);
    }

    public static Result run(long seed, int trialsPerRange, List<Range> ranges, Latency latency) {
        return run(seed, trialsPerRange, ranges, latency, done -> { });
    }

    /** As {@link #run(long, int, List, Latency)}, telling {@code trialsDone} the count after each trial (for a progress bar; never read back). */
    public static Result run(long seed, int trialsPerRange, List<Range> ranges, Latency latency, java.util.function.LongConsumer trialsDone) {
        if (trialsPerRange <= 0) {
            throw new IllegalArgumentException("trials must be positive: " + trialsPerRange);
        }
        long startNanos = System.nanoTime(); // wall clock for the report only, never for the simulation
        List<Trial> trials = new ArrayList<>(trialsPerRange * ranges.size());
        List<Summary> summaries = new ArrayList<>(ranges.size());
        for (Range range : ranges) {
            long[] micros = new long[trialsPerRange];
            for (int trial = 0; trial < trialsPerRange; trial++) {
                long trialSeed = trialSeed(seed, range, trial);
                micros[trial] = runTrial(range, trialSeed, latency);
                trials.add(new Trial(range, trial, trialSeed, micros[trial]));
                trialsDone.accept(trials.size());
            }
            summaries.add(summarize(range, micros));
        }
        return new Result(seed, trialsPerRange, latency, trials, summaries, (System.nanoTime() - startNanos) / 1e9);
    }

    /**
     * The seed of one trial, from the experiment seed, the range and the trial number only: a
     * trial can be re-run on its own, which is how a results file is checked against the model.
     */
    public static long trialSeed(long seed, Range range, int trial) {
        return new RandomStream(seed).derive("election-timing").derive(range.graph() + " " + range.label())
                .derive("trial", trial).nextLong();
    }

    /** One trial: elect a first leader, crash it at a random moment of its heartbeat interval, time the next election. */
    public static long runTrial(Range range, long trialSeed) {
        return runTrial(range, trialSeed, DEFAULT_LATENCY);
    }

    public static long runTrial(Range range, long trialSeed, Latency latency) {
        long minMicros = range.minMs() * 1000;
        long maxMicros = range.maxMs() * 1000;
        long heartbeatMicros = minMicros / 2;
        RaftConfig raft = RaftConfig.defaults(SERVERS).withElectionTimeout(minMicros, maxMicros).withHeartbeatInterval(heartbeatMicros);
        ClusterSpec spec = ClusterSpec.defaults(SERVERS).withRaft(raft)
                .withLinks(LinkConfig.DEFAULT.withLatency(latency.minMicros(), latency.maxMicros()))
                .withWorkload(Workload.none()).withMaxHistoryOperations(0);
        Cluster cluster = new Cluster(spec, trialSeed, TraceSink.NONE);
        Engine<Packet> engine = cluster.engine();
        for (int node = 1; node < SERVERS; node++) {
            engine.schedule(0, new FaultAction.Crash(node));
            engine.schedule(STAGGER_MICROS, new FaultAction.Restart(node));
        }
        engine.runUntil(CENSOR_AFTER_MICROS, () -> cluster.currentLeader() >= 0);
        if (cluster.currentLeader() < 0) {
            throw new IllegalStateException("no first leader within " + CENSOR_AFTER_MICROS + " us; seed " + trialSeed + ", range " + range);
        }
        // Heartbeats go out at electedAt + k * heartbeat: crash after a few of them, at a uniform phase.
        // The leader of that moment is crashed: the first leader may have been deposed while the cluster settled.
        long settle = heartbeatMicros * Math.max(4, (2 * maxMicros + heartbeatMicros - 1) / heartbeatMicros);
        RandomStream phase = engine.randomStream("crash-phase");
        CrashLeader crash = new CrashLeader(cluster);
        long crashAt = engine.nowMicros() + settle + phase.nextLong(heartbeatMicros);
        engine.schedule(crashAt, crash);
        engine.runUntil(crashAt);
        for (int attempt = 1; crash.crashedTerm < 0; attempt++) {
            // Between leaders at that moment (rare): wait for the next one and try again.
            if (attempt > 10) {
                throw new IllegalStateException("no leader to crash after 10 attempts; seed " + trialSeed + ", range " + range);
            }
            engine.runUntil(engine.nowMicros() + CENSOR_AFTER_MICROS, () -> cluster.currentLeader() >= 0);
            crashAt = engine.nowMicros() + settle + phase.nextLong(heartbeatMicros);
            engine.schedule(crashAt, crash);
            engine.runUntil(crashAt);
        }
        long crashedTerm = crash.crashedTerm;
        engine.runUntil(crashAt + CENSOR_AFTER_MICROS, () -> leaderTerm(cluster) > crashedTerm);
        return leaderTerm(cluster) > crashedTerm ? engine.nowMicros() - crashAt : -1;
    }

    /** The highest term in which an up server leads, or -1. */
    private static long leaderTerm(Cluster cluster) {
        int leader = cluster.currentLeader();
        return leader < 0 ? -1 : cluster.probe(leader).currentTerm();
    }

    /** Crashes whichever server leads when it runs, and remembers its term (-1 when the cluster was between leaders). */
    private static final class CrashLeader implements ControlAction {
        private final Cluster cluster;
        private long crashedTerm = -1;

        CrashLeader(Cluster cluster) {
            this.cluster = cluster;
        }

        @Override
        public String describe() {
            return "crash the leader";
        }

        @Override
        public boolean isFault() {
            return true;
        }

        @Override
        public void apply(ControlTarget target) {
            int leader = cluster.currentLeader();
            if (leader >= 0) {
                crashedTerm = cluster.probe(leader).currentTerm();
                target.crash(leader);
            }
        }
    }

    static Summary summarize(Range range, long[] micros) {
        long[] sorted = micros.clone();
        int censored = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] < 0) {
                sorted[i] = Long.MAX_VALUE; // slower than any completed election
                censored++;
            }
        }
        Arrays.sort(sorted);
        double sum = 0;
        for (long value : sorted) {
            if (value != Long.MAX_VALUE) {
                sum += value;
            }
        }
        int completed = sorted.length - censored;
        return new Summary(range, sorted.length, censored,
                completed == 0 ? Double.NaN : sum / completed / 1000.0,
                quantileMs(sorted, 0.5), quantileMs(sorted, 0.95), quantileMs(sorted, 1.0));
    }

    /** Nearest-rank quantile; NaN when it falls on a censored trial (the true value is above the bound). */
    private static double quantileMs(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        long value = sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        return value == Long.MAX_VALUE ? Double.NaN : value / 1000.0;
    }
}
