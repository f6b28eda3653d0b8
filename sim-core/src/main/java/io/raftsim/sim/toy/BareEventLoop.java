package io.raftsim.sim.toy;

import io.raftsim.sim.network.Network;
import io.raftsim.sim.random.RandomStream;

import java.util.PriorityQueue;

/**
 * The reference every engine figure is measured against: a ping-pong workload on a plain
 * {@link PriorityQueue} of (time, sequence)-ordered events, with no engine at all. Each
 * event's handler returns the ball to its sender after a latency drawn from a per-link
 * stream derived as the engine's network derives its own, so the random-number cost per
 * event is the same. No digest, no trace, no network bookkeeping, no process dispatch.
 */
public final class BareEventLoop {
    private record Ball(long timeMicros, long seq, int from, int to) implements Comparable<Ball> {
        @Override
        public int compareTo(Ball other) {
            int byTime = Long.compare(timeMicros, other.timeMicros);
            return byTime != 0 ? byTime : Long.compare(seq, other.seq);
        }
    }

    private final int nodes;
    private final long latencyMinMicros;
    private final long latencyMaxMicros;
    private final RandomStream[] linkRandom;
    private final PriorityQueue<Ball> queue = new PriorityQueue<>();
    private long nextSeq;
    private long handled;

    public BareEventLoop(long seed, int nodes, int ballsPerNode, long latencyMinMicros, long latencyMaxMicros) {
        this.nodes = nodes;
        this.latencyMinMicros = latencyMinMicros;
        this.latencyMaxMicros = latencyMaxMicros;
        RandomStream network = new RandomStream(seed).derive("network");
        linkRandom = new RandomStream[nodes * nodes];
        for (int from = 0; from < nodes; from++) {
            for (int to = 0; to < nodes; to++) {
                linkRandom[from * nodes + to] = network.derive("link", from * 65_536 + to);
            }
        }
        for (int node = 0; node < nodes; node++) {
            for (int i = 0; i < ballsPerNode; i++) {
                send(0, node, (node + 1) % nodes);
            }
        }
    }

    /** Processes {@code steps} events; returns how many events were handled in all. */
    public long run(int steps) {
        for (int i = 0; i < steps; i++) {
            Ball ball = queue.poll();
            handled++;
            send(ball.timeMicros(), ball.to(), ball.from());
        }
        return handled;
    }

    private void send(long nowMicros, int from, int to) {
        // The same draws per message as the engine's network (loss, tail, latency, duplicate,
        // and the duplicate's tail and latency); on a link without loss, tail or duplicates only
        // the latency is used, so this loop replays the engine's run event for event.
        RandomStream random = linkRandom[from * nodes + to];
        random.nextDouble();
        random.nextDouble();
        long delayMicros = Network.uniform(random.nextDouble(), latencyMinMicros, latencyMaxMicros);
        for (int draw = 3; draw < Network.DRAWS_PER_MESSAGE; draw++) {
            random.nextDouble();
        }
        queue.add(new Ball(nowMicros + delayMicros, nextSeq++, from, to));
    }
}
