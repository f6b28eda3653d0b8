package io.raftsim.bench;

import io.raftsim.sim.toy.BareEventLoop;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * The reference for {@link EngineThroughputBenchmark}: the same ping-pong workload with no
 * engine at all ({@link BareEventLoop}). Score (ops/s) is events/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class BarePriorityQueueBenchmark {
    @Param("1")
    public long seed;

    private BareEventLoop loop;

    @Setup(Level.Iteration)
    public void setUp() {
        loop = new BareEventLoop(seed, EngineThroughputBenchmark.NODES, EngineThroughputBenchmark.BALLS_PER_NODE,
                PingPongProcess.LINKS.latencyMinMicros(), PingPongProcess.LINKS.latencyMaxMicros());
    }

    @Benchmark
    @OperationsPerInvocation(EngineThroughputBenchmark.STEPS)
    public long steps() {
        return loop.run(EngineThroughputBenchmark.STEPS);
    }
}
