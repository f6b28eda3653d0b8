package io.raftsim.bench;

import io.raftsim.sim.engine.Engine;
import io.raftsim.sim.engine.Limits;
import io.raftsim.sim.engine.Process;
import io.raftsim.sim.engine.ProcessContext;
import io.raftsim.sim.network.LinkConfig;

/**
 * The smallest protocol that keeps the engine busy: at start each node serves
 * {@code ballsPerNode} balls to its ring successor, and every node returns each ball it
 * receives to the sender straight away. Every delivery therefore sends exactly one message,
 * so the number of events in flight stays at {@code nodes * ballsPerNode} for the whole run
 * and each step of the engine is one message delivery plus one send. No timers, no storage,
 * no draws from the node's random stream: all randomness is the network's latency.
 */
public final class PingPongProcess implements Process<Ball> {
    /** 1–10 ms uniform latency, no tail, no loss, no duplicates (the engine's default link). */
    public static final LinkConfig LINKS = LinkConfig.DEFAULT.withLatency(1_000, 10_000);

    /** No bound that a benchmark run of any length could reach. */
    public static final Limits LIMITS = Limits.DEFAULT.withMaxSteps(Long.MAX_VALUE).withMaxVirtualTimeMicros(Long.MAX_VALUE);

    private final ProcessContext<Ball> context;
    private final int ballsPerNode;
    private long hits;

    public PingPongProcess(ProcessContext<Ball> context, int ballsPerNode) {
        this.context = context;
        this.ballsPerNode = ballsPerNode;
    }

    /** An engine of {@code nodes} ping-pong players; {@code runUntil(0)} serves every ball. */
    public static Engine<Ball> engine(long seed, int nodes, int ballsPerNode) {
        return Engine.builder(nodes, context -> new PingPongProcess(context, ballsPerNode), BallCodec.INSTANCE)
                .seed(seed)
                .links(LINKS)
                .limits(LIMITS)
                .build();
    }

    @Override
    public void onStart() {
        int partner = (context.nodeId() + 1) % context.processCount();
        for (int i = 0; i < ballsPerNode; i++) {
            context.send(partner, new Ball(0));
        }
    }

    @Override
    public void onMessage(int from, Ball message) {
        hits++;
        context.send(from, new Ball(message.volley() + 1));
    }

    @Override
    public void onTimer(int timerId) {
        throw new IllegalStateException("ping-pong sets no timers");
    }

    /** Balls this node has returned. */
    public long hits() {
        return hits;
    }
}
