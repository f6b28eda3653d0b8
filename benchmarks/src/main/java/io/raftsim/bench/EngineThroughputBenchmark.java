package io.raftsim.bench;

import io.raftsim.sim.engine.Engine;
import io.raftsim.sim.engine.RunResult;
import io.raftsim.sim.engine.RunStatus;
import org.openjdk.jmh.annotations.AuxCounters;
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
import java.util.function.BooleanSupplier;

/**
 * Raw engine throughput on the ping-pong toy ({@link PingPongProcess}): 5 nodes, 8 balls each,
 * so 40 messages are always in flight, each step is one delivery that sends one message on
 * through the engine's {@code Network} (1–10 ms uniform latency). Compare with
 * {@link BarePriorityQueueBenchmark}, the same workload without the engine, run in the same JMH run.
 *
 * <p>A fresh engine is built for every iteration (so every iteration measures the same
 * stretch of the same deterministic run) and advanced in chunks; the engine's clock carries
 * on from chunk to chunk. Two ways of chunking, both reporting events per second honestly:
 * <ul>
 *   <li>{@link #steps}: exactly {@link #STEPS} steps per invocation, stopped by
 *       {@code runUntil}'s stop condition; the score (ops/s) is events/s.</li>
 *   <li>{@link #virtualTime}: {@link #CHUNK_MICROS} of virtual time per invocation, the plain
 *       {@code runUntil(end)} loop with no stop condition; the steps a chunk takes vary, so
 *       they are counted and reported as the secondary result {@code events} (events/s).
 *       Its primary score is chunks per second and is not comparable.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class EngineThroughputBenchmark {
    public static final int NODES = 5;
    public static final int BALLS_PER_NODE = 8;
    public static final int IN_FLIGHT = NODES * BALLS_PER_NODE;
    /** Steps per invocation of {@link #steps}; {@link BarePriorityQueueBenchmark} pops as many. */
    public static final int STEPS = 10_000;
    /** Virtual time per invocation of {@link #virtualTime}: about 7,300 steps (40 balls, 5.5 ms mean latency). */
    public static final long CHUNK_MICROS = 1_000_000;

    @Param("1")
    public long seed;

    private Engine<Ball> engine;
    private long target;
    private final BooleanSupplier reachedTarget = () -> engine.step() >= target;

    /** Steps actually taken by {@link #virtualTime}; JMH reports the sum divided by the time. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counters {
        public long events;

        @Setup(Level.Iteration)
        public void reset() {
            events = 0;
        }
    }

    @Setup(Level.Iteration)
    public void setUp() {
        engine = PingPongProcess.engine(seed, NODES, BALLS_PER_NODE);
        engine.runUntil(0); // the start events: every ball is served and in flight
        if (engine.queuedEventCount() != IN_FLIGHT) {
            throw new IllegalStateException("expected " + IN_FLIGHT + " events in flight, found " + engine.queuedEventCount());
        }
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public long steps() {
        long before = engine.step();
        target = before + STEPS;
        RunResult result = engine.runUntil(Long.MAX_VALUE, reachedTarget);
        if (result.status() != RunStatus.COMPLETED || result.steps() - before != STEPS) {
            throw new IllegalStateException("chunk did not take " + STEPS + " steps: " + result);
        }
        return result.digest();
    }

    @Benchmark
    public long virtualTime(Counters counters) {
        long before = engine.step();
        RunResult result = engine.runUntil(engine.nowMicros() + CHUNK_MICROS);
        if (result.status() != RunStatus.COMPLETED) {
            throw new IllegalStateException("chunk ended early: " + result);
        }
        counters.events += result.steps() - before;
        return result.digest();
    }
}
