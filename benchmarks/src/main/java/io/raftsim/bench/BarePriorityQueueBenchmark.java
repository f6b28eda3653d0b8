package io.raftsim.bench;

import io.raftsim.sim.random.RandomStream;
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

import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * The reference for {@link EngineThroughputBenchmark}: the same ping-pong workload with no
 * engine at all. A {@link PriorityQueue} of small event objects ordered by (time, sequence)
 * holds the same 40 in-flight balls; each pop runs a trivial handler and pushes one new event
 * at {@code time + latency}, the latency drawn uniform in [1, 10] ms from a per-link
 * {@link RandomStream} derived as the engine's network derives its own, so the random-number
 * cost per event is the same (one {@code nextLong(min, max)}). No digest, no trace, no
 * network bookkeeping, no process dispatch. Score (ops/s) is events/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class BarePriorityQueueBenchmark {
    private static final int NODES = EngineThroughputBenchmark.NODES;
    private static final int BALLS_PER_NODE = EngineThroughputBenchmark.BALLS_PER_NODE;
    private static final int STEPS = EngineThroughputBenchmark.STEPS;
    private static final long LATENCY_MIN_MICROS = PingPongProcess.LINKS.latencyMinMicros();
    private static final long LATENCY_MAX_MICROS = PingPongProcess.LINKS.latencyMaxMicros();

    /** A ball in flight. */
    static final class BallEvent implements Comparable<BallEvent> {
        final long timeMicros;
        final long seq;
        final int from;
        final int to;
        final long volley;

        BallEvent(long timeMicros, long seq, int from, int to, long volley) {
            this.timeMicros = timeMicros;
            this.seq = seq;
            this.from = from;
            this.to = to;
            this.volley = volley;
        }

        @Override
        public int compareTo(BallEvent other) {
            int byTime = Long.compare(timeMicros, other.timeMicros);
            return byTime != 0 ? byTime : Long.compare(seq, other.seq);
        }
    }

    @Param("1")
    public long seed;

    private PriorityQueue<BallEvent> queue;
    private RandomStream[] linkRandom;
    private long nextSeq;
    private long hits;

    @Setup(Level.Iteration)
    public void setUp() {
        RandomStream network = new RandomStream(seed).derive("network");
        linkRandom = new RandomStream[NODES * NODES];
        for (int from = 0; from < NODES; from++) {
            for (int to = 0; to < NODES; to++) {
                linkRandom[from * NODES + to] = network.derive("link", from * 65_536 + to);
            }
        }
        queue = new PriorityQueue<>();
        nextSeq = 0;
        hits = 0;
        for (int node = 0; node < NODES; node++) {
            int partner = (node + 1) % NODES;
            for (int i = 0; i < BALLS_PER_NODE; i++) {
                send(0, node, partner, 0);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public long steps() {
        for (int i = 0; i < STEPS; i++) {
            BallEvent event = queue.poll();
            // The handler: count the hit and return the ball to its sender.
            hits++;
            send(event.timeMicros, event.to, event.from, event.volley + 1);
        }
        return hits;
    }

    private void send(long nowMicros, int from, int to, long volley) {
        long delayMicros = linkRandom[from * NODES + to].nextLong(LATENCY_MIN_MICROS, LATENCY_MAX_MICROS + 1);
        queue.add(new BallEvent(nowMicros + delayMicros, nextSeq++, from, to, volley));
    }
}
