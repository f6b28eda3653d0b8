package io.raftsim.sim.fault;

import io.raftsim.sim.engine.Engine;
import io.raftsim.sim.network.LinkConfig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A list of timed fault actions, kept in time order (stable: equal times keep their
 * listed order, and the engine's sequence numbers preserve it when they run).
 */
public record FaultSchedule(List<TimedFault> faults) {
    public static final FaultSchedule EMPTY = new FaultSchedule(List.of());

    public FaultSchedule {
        List<TimedFault> sorted = new ArrayList<>(faults);
        sorted.sort(Comparator.comparingLong(TimedFault::atMicros));
        faults = List.copyOf(sorted);
    }

    /** Hands every action to the engine at its time. */
    public void installOn(Engine<?> engine) {
        for (TimedFault fault : faults) {
            engine.schedule(fault.atMicros(), fault.action());
        }
    }

    public int size() {
        return faults.size();
    }

    /** Time of the last action, or 0 when there is none. */
    public long lastMicros() {
        return faults.isEmpty() ? 0 : faults.get(faults.size() - 1).atMicros();
    }

    public FaultSchedule with(TimedFault more) {
        List<TimedFault> all = new ArrayList<>(faults);
        all.add(more);
        return new FaultSchedule(all);
    }

    /**
     * Undoes every kind of fault at {@code atMicros}: heal the network, restore the links,
     * restart and resume every node, reset every clock. A liveness phase starts from here.
     */
    public static List<TimedFault> recoverAll(int nodeCount, long atMicros, LinkConfig links) {
        List<TimedFault> recovery = new ArrayList<>();
        recovery.add(new TimedFault(atMicros, new FaultAction.Heal()));
        recovery.add(new TimedFault(atMicros, new FaultAction.SetLinks(links)));
        for (int node = 0; node < nodeCount; node++) {
            recovery.add(new TimedFault(atMicros, new FaultAction.Resume(node)));
            recovery.add(new TimedFault(atMicros, new FaultAction.Restart(node)));
            recovery.add(new TimedFault(atMicros, new FaultAction.Drift(node, 1.0)));
        }
        return recovery;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (TimedFault fault : faults) {
            text.append(fault).append('\n');
        }
        return text.toString();
    }
}
