package io.raftsim.sim.toy;

import io.raftsim.sim.engine.Engine;
import io.raftsim.sim.engine.RunResult;
import io.raftsim.sim.fault.FaultProfile;
import io.raftsim.sim.fault.FaultSchedule;
import io.raftsim.sim.fault.FaultScheduleGenerator;
import io.raftsim.sim.network.LinkConfig;
import io.raftsim.sim.random.RandomStream;

/**
 * A complete toy run: gossip nodes, a swarm fault schedule drawn from the seed, and a
 * digest at the end. {@link #main} prints the digest, so a test can compare a run in a
 * separate JVM with one in its own.
 */
public final class GossipSimulation {
    private GossipSimulation() {
    }

    public static Engine.Builder<GossipMessage> builder(int nodeCount, long periodMicros, int maxHops) {
        return Engine.builder(nodeCount, context -> new GossipProcess(context, periodMicros, maxHops), GossipCodec.INSTANCE);
    }

    /** Runs {@code nodeCount} gossip nodes for {@code durationMicros} under swarm faults drawn from the seed. */
    public static RunResult runWithRandomFaults(long seed, int nodeCount, long durationMicros) {
        Engine<GossipMessage> engine = builder(nodeCount, 10_000, 3).seed(seed).build();
        RandomStream faultRandom = engine.randomStream("faults");
        FaultSchedule schedule = FaultScheduleGenerator.generate(faultRandom, FaultProfile.swarm(faultRandom),
                nodeCount, 0, durationMicros, LinkConfig.DEFAULT);
        schedule.installOn(engine);
        return engine.runUntil(durationMicros);
    }

    /** Prints the digest of one run: {@code GossipSimulation SEED NODES DURATION_MICROS}. */
    public static void main(String[] args) {
        long seed = Long.parseLong(args[0]);
        int nodes = Integer.parseInt(args[1]);
        long durationMicros = Long.parseLong(args[2]);
        System.out.println(runWithRandomFaults(seed, nodes, durationMicros).digestHex());
    }
}
