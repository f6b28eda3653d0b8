package io.raftsim.sim.toy;

import io.raftsim.sim.engine.Process;
import io.raftsim.sim.engine.ProcessContext;

/**
 * A toy protocol that exercises every engine service: each node keeps a counter in durable
 * storage, periodically gossips it to a random peer, and forwards what it hears for a few
 * hops. Used by the engine's tests and benchmarks; it knows nothing of Raft.
 */
public final class GossipProcess implements Process<GossipMessage> {
    public static final int GOSSIP_TIMER = 0;
    static final String COUNTER_KEY = "counter";

    private final ProcessContext<GossipMessage> context;
    private final long periodMicros;
    private final int maxHops;
    private long counter;
    private long messagesHeard;

    public GossipProcess(ProcessContext<GossipMessage> context, long periodMicros, int maxHops) {
        this.context = context;
        this.periodMicros = periodMicros;
        this.maxHops = maxHops;
    }

    @Override
    public void onStart() {
        Long persisted = context.storage().get(COUNTER_KEY);
        counter = persisted == null ? 0 : persisted;
        context.setTimer(GOSSIP_TIMER, context.random().nextLong(1, periodMicros + 1));
    }

    @Override
    public void onMessage(int from, GossipMessage message) {
        messagesHeard++;
        if (message.value() > counter) {
            counter = message.value();
            context.storage().put(COUNTER_KEY, counter);
        }
        if (message.hops() < maxHops) {
            context.send(randomPeer(), new GossipMessage(counter, message.hops() + 1));
        }
    }

    @Override
    public void onTimer(int timerId) {
        counter++;
        context.storage().put(COUNTER_KEY, counter);
        context.storage().sync();
        context.send(randomPeer(), new GossipMessage(counter, 0));
        context.setTimer(GOSSIP_TIMER, periodMicros);
    }

    public long counter() {
        return counter;
    }

    /** Volatile: starts again from zero in each incarnation. */
    public long messagesHeard() {
        return messagesHeard;
    }

    private int randomPeer() {
        int peers = context.processCount() - 1;
        if (peers == 0) {
            return context.nodeId();
        }
        int pick = context.random().nextInt(peers);
        return pick >= context.nodeId() ? pick + 1 : pick;
    }
}
