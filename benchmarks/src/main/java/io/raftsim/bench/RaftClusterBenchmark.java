package io.raftsim.bench;

import io.raftsim.harness.client.Workload;
import io.raftsim.harness.cluster.Cluster;
import io.raftsim.harness.cluster.ClusterSpec;
import io.raftsim.sim.engine.RunResult;
import io.raftsim.sim.engine.RunStatus;
import io.raftsim.sim.fault.FaultSchedule;
import io.raftsim.sim.trace.TraceSink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * A 5-node Raft cluster under steady client load (10 clients x 20 ops/s: about 200
 * operations per second, heartbeats every 50 ms), every safety check on after every
 * step and the digest on, trace off. The score is events (steps) per second. With
 * {@code logEntries} = 1,000,000 every node starts from a million-entry log, so comparing
 * the two scores gives the per-step cost ratio of long logs against short ones.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Xmx6g"})
public class RaftClusterBenchmark {
    private static final int STEPS_PER_INVOCATION = 10_000;
    private static final int SERVERS = 5;

    @Param({"1000", "1000000"})
    public int logEntries;

    private Cluster cluster;
    private long virtualNowMicros;

    @Setup(Level.Iteration)
    public void buildCluster() {
        ClusterSpec spec = ClusterSpec.defaults(SERVERS).withWorkload(new Workload(10, 20, 16, 400_000, 20_000))
                .withMaxHistoryOperations(0); // nothing checks the history of a benchmark
        cluster = new Cluster(spec, 42, TraceSink.NONE);
        cluster.preloadLog(logEntries);
        // Elect a leader and apply the preloaded log before measuring the steady state.
        RunResult warm = cluster.run(5_000_000, FaultSchedule.EMPTY, false).run();
        if (warm.status() != RunStatus.COMPLETED) {
            throw new IllegalStateException("warm-up failed: " + warm);
        }
        virtualNowMicros = warm.virtualTimeMicros();
    }

    @Benchmark
    @OperationsPerInvocation(STEPS_PER_INVOCATION)
    public long steps() {
        long target = cluster.engine().step() + STEPS_PER_INVOCATION;
        RunResult result = cluster.engine().runUntil(Long.MAX_VALUE / 4, () -> cluster.engine().step() >= target);
        if (result.status() != RunStatus.COMPLETED) {
            throw new IllegalStateException("run ended: " + result);
        }
        virtualNowMicros = result.virtualTimeMicros();
        return result.digest();
    }
}
