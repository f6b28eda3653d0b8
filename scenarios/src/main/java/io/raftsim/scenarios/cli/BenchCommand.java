package io.raftsim.scenarios.cli;

import io.raftsim.harness.client.Workload;
import io.raftsim.harness.cluster.Cluster;
import io.raftsim.harness.cluster.ClusterSpec;
import io.raftsim.sim.engine.Engine;
import io.raftsim.sim.engine.RunResult;
import io.raftsim.sim.engine.RunStatus;
import io.raftsim.sim.fault.FaultSchedule;
import io.raftsim.sim.toy.BareEventLoop;
import io.raftsim.sim.trace.TraceSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code raftsim bench}: the standard workloads, each measured after a warm-up in this
 * process. (1) 5 nodes, about 200 client operations per second, heartbeats every 50 ms,
 * every check and the digest on, trace off: events per second and the ratio of virtual to
 * wall time. (2) The same with 1,000,000-entry logs against 1,000-entry logs: the per-step
 * cost ratio. (3) A bare {@code PriorityQueue} event loop, the reference.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure the standard performance workloads.")
final class BenchCommand implements Callable<Integer> {
    private static final int CHUNK_STEPS = 10_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(names = "--seconds", description = "Wall seconds measured per workload after warm-up, 1..60 (default ${DEFAULT-VALUE}).", defaultValue = "4")
    int seconds;

    /**
     * One workload's figures. Besides the wall rate, what the simulation thread itself spent per
     * event (CPU and bytes allocated) and the collector's share of the measured wall time: on a
     * shared machine the wall rate swings with the load and with which slice a full collection
     * falls in, while CPU and allocation per event do not, so the three together say whether a
     * change made the simulation slower or only the measurement noisier.
     */
    private record Rate(double eventsPerSecond, double virtualToWallRatio, double cpuNanosPerEvent,
                        double bytesAllocatedPerEvent, double collectorSeconds, double wallSeconds) {
    }

    @Override
    public Integer call() {
        if (seconds < 1 || seconds > 60) {
            throw new ParameterException(spec.commandLine(), "--seconds: " + seconds + " is outside 1..60");
        }
        Rate[] rates = measureClusters(1_000, 1_000_000);
        Rate shortLog = rates[0];
        Rate longLog = rates[1];
        double bare = measureBareLoop();
        double costRatio = shortLog.eventsPerSecond() / longLog.eventsPerSecond();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("eventsPerSecond", Math.round(shortLog.eventsPerSecond()));
            fields.put("virtualToWallRatio", Math.round(shortLog.virtualToWallRatio()));
            fields.put("longLogCostRatio", Math.round(costRatio * 1000) / 1000.0);
            fields.put("bareLoopEventsPerSecond", Math.round(bare));
            fields.put("cpuNanosPerEvent", measured(shortLog.cpuNanosPerEvent()));
            fields.put("bytesAllocatedPerEvent", measured(shortLog.bytesAllocatedPerEvent()));
            fields.put("collectorShareOfWall", Math.round(shortLog.collectorSeconds() / shortLog.wallSeconds() * 1000) / 1000.0);
            fields.put("longLogCpuNanosPerEvent", measured(longLog.cpuNanosPerEvent()));
            fields.put("longLogBytesAllocatedPerEvent", measured(longLog.bytesAllocatedPerEvent()));
            fields.put("longLogCollectorShareOfWall", Math.round(longLog.collectorSeconds() / longLog.wallSeconds() * 1000) / 1000.0);
            out.println(Summary.JSON.writeValueAsString(fields));
        } else {
            out.printf(Locale.ROOT, "raft cluster (5 nodes, ~200 ops/s, all checks): %,.0f events/s, virtual/wall %.0fx%n",
                    shortLog.eventsPerSecond(), shortLog.virtualToWallRatio());
            out.printf(Locale.ROOT, "same with 1,000,000-entry logs:                %,.0f events/s, per-step cost ratio %.2f%n",
                    longLog.eventsPerSecond(), costRatio);
            out.printf(Locale.ROOT, "simulation thread per event (short log, long log): %,.0f and %,.0f ns CPU, %,.0f and %,.0f bytes allocated%n",
                    shortLog.cpuNanosPerEvent(), longLog.cpuNanosPerEvent(), shortLog.bytesAllocatedPerEvent(), longLog.bytesAllocatedPerEvent());
            out.printf(Locale.ROOT, "collector (short log, long log):               %.1f of %.1f s and %.1f of %.1f s measured%n",
                    shortLog.collectorSeconds(), shortLog.wallSeconds(), longLog.collectorSeconds(), longLog.wallSeconds());
            out.printf(Locale.ROOT, "bare PriorityQueue loop:                       %,.0f events/s (cluster at %.2f of it)%n",
                    bare, shortLog.eventsPerSecond() / bare);
        }
        out.flush();
        return ExitCode.PASSED;
    }

    /**
     * Measures the short-log and the long-log cluster in alternating one-second slices, both
     * alive and warmed up the whole time, so the JIT's state and garbage collections weigh
     * on both alike; measured one after the other, the ratio swung between 1.0 and 1.8.
     */
    private Rate[] measureClusters(int... logEntries) {
        Engine<?>[] engines = new Engine<?>[logEntries.length];
        for (int i = 0; i < logEntries.length; i++) {
            engines[i] = warmedCluster(logEntries[i]);
        }
        for (Engine<?> engine : engines) {
            runFor(engine, Math.max(1, seconds / 2)); // warm the JIT on this very workload
        }
        long[] steps = new long[engines.length];
        long[] virtualMicros = new long[engines.length];
        double[] wall = new double[engines.length];
        double[] cpuNanos = new double[engines.length]; // NaN where the JVM cannot measure it
        double[] allocatedBytes = new double[engines.length];
        long[] collectorMillis = new long[engines.length];
        for (int slice = 0; slice < seconds; slice++) {
            for (int i = 0; i < engines.length; i++) {
                long stepsBefore = engines[i].step();
                long virtualBefore = engines[i].nowMicros();
                long cpuBefore = threadCpuNanos();
                long allocatedBefore = threadAllocatedBytes();
                long collectorBefore = collectorMillis();
                wall[i] += runFor(engines[i], 1);
                steps[i] += engines[i].step() - stepsBefore;
                virtualMicros[i] += engines[i].nowMicros() - virtualBefore;
                cpuNanos[i] += difference(cpuBefore, threadCpuNanos());
                allocatedBytes[i] += difference(allocatedBefore, threadAllocatedBytes());
                collectorMillis[i] += collectorMillis() - collectorBefore;
            }
        }
        Rate[] rates = new Rate[engines.length];
        for (int i = 0; i < engines.length; i++) {
            rates[i] = new Rate(steps[i] / wall[i], virtualMicros[i] / 1e6 / wall[i], cpuNanos[i] / steps[i],
                    allocatedBytes[i] / steps[i], collectorMillis[i] / 1e3, wall[i]);
        }
        return rates;
    }

    /** A per-event figure for JSON: rounded, or null (not measured) for NaN rather than 0. */
    private static Long measured(double value) {
        return Double.isNaN(value) ? null : Math.round(value);
    }

    /** {@code after - before} of a counter that reads -1 when unsupported: NaN then, never a made-up 0. */
    private static double difference(long before, long after) {
        return before < 0 || after < 0 ? Double.NaN : after - before;
    }

    /** CPU time of this thread (the simulation's), or -1 where the JVM cannot measure it. */
    private static long threadCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
    }

    /** Bytes this thread allocated so far, or -1 where the JVM does not count them. */
    private static long threadAllocatedBytes() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean counting
                && counting.isThreadAllocatedMemorySupported() && counting.isThreadAllocatedMemoryEnabled()
                ? counting.getCurrentThreadAllocatedBytes() : -1;
    }

    /** Wall milliseconds every collector of this JVM has spent so far (young and full). */
    private static long collectorMillis() {
        long total = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, collector.getCollectionTime());
        }
        return total;
    }

    private static Engine<?> warmedCluster(int logEntries) {
        ClusterSpec spec5 = ClusterSpec.defaults(5).withWorkload(new Workload(10, 20, 16, 400_000, 20_000))
                .withMaxHistoryOperations(0); // nothing checks the history of a benchmark
        Cluster cluster = new Cluster(spec5, 42, TraceSink.NONE);
        cluster.preloadLog(logEntries);
        RunResult warm = cluster.run(5_000_000, FaultSchedule.EMPTY, false).run();
        if (warm.status() != RunStatus.COMPLETED) {
            throw new IllegalStateException("bench warm-up did not complete: " + warm);
        }
        return cluster.engine();
    }

    /** Runs chunks of steps until {@code wallSeconds} have passed; returns the exact wall seconds spent. */
    private static double runFor(Engine<?> engine, int wallSeconds) {
        long start = System.nanoTime();
        long deadline = start + wallSeconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            long target = engine.step() + CHUNK_STEPS;
            RunResult result = engine.runUntil(Long.MAX_VALUE / 4, () -> engine.step() >= target);
            if (result.status() != RunStatus.COMPLETED) {
                throw new IllegalStateException("bench run ended: " + result);
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private double measureBareLoop() {
        BareEventLoop loop = new BareEventLoop(1, 5, 8, 1_000, 10_000);
        long warmEnd = System.nanoTime() + Math.max(1, seconds / 2) * 1_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            loop.run(CHUNK_STEPS);
        }
        long start = System.nanoTime();
        long deadline = start + seconds * 1_000_000_000L;
        long events = 0;
        while (System.nanoTime() < deadline) {
            loop.run(CHUNK_STEPS);
            events += CHUNK_STEPS;
        }
        return events / ((System.nanoTime() - start) / 1e9);
    }
}
