package io.raftsim.scenarios.shrink;

import io.raftsim.scenarios.format.ClientLinks;
import io.raftsim.scenarios.format.FaultStep;
import io.raftsim.scenarios.format.NetworkPatch;
import io.raftsim.scenarios.format.NodeRef;
import io.raftsim.sim.fault.FaultAction;
import io.raftsim.sim.fault.FaultSchedule;
import io.raftsim.sim.fault.TimedFault;
import io.raftsim.sim.network.LinkConfig;
import io.raftsim.sim.network.LinkOverride;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a fault schedule drawn from a seed as explicit scenario steps, exactly: times and
 * latencies keep their microseconds, so the explicit scenario replays the same run.
 */
final class ExplicitFaults {
    private ExplicitFaults() {
    }

    static List<FaultStep> of(FaultSchedule schedule) {
        List<FaultStep> steps = new ArrayList<>();
        for (TimedFault fault : schedule.faults()) {
            steps.add(step(fault.atMicros(), fault.action()));
        }
        return steps;
    }

    private static FaultStep step(long at, FaultAction action) {
        if (action instanceof FaultAction.Partition p) {
            List<List<NodeRef>> groups = new ArrayList<>();
            for (List<Integer> group : p.groups()) {
                groups.add(group.stream().map(NodeRef::server).toList());
            }
            return new FaultStep.Partition(at, groups);
        }
        if (action instanceof FaultAction.Isolate i) {
            return new FaultStep.Isolate(at, NodeRef.server(i.node()));
        }
        if (action instanceof FaultAction.Cut c) {
            return new FaultStep.Cut(at, NodeRef.server(c.from()), NodeRef.server(c.to()));
        }
        if (action instanceof FaultAction.Heal) {
            return new FaultStep.Heal(at);
        }
        if (action instanceof FaultAction.Crash c) {
            return new FaultStep.NodeAction(at, "crash", NodeRef.server(c.node()));
        }
        if (action instanceof FaultAction.Restart r) {
            return new FaultStep.NodeAction(at, "restart", NodeRef.server(r.node()));
        }
        if (action instanceof FaultAction.Pause p) {
            return new FaultStep.NodeAction(at, "pause", NodeRef.server(p.node()));
        }
        if (action instanceof FaultAction.Resume r) {
            return new FaultStep.NodeAction(at, "resume", NodeRef.server(r.node()));
        }
        if (action instanceof FaultAction.Drift d) {
            return new FaultStep.Drift(at, NodeRef.server(d.node()), d.rate());
        }
        if (action instanceof FaultAction.SetLinks l) {
            return new FaultStep.Network(at, patch(l.config()), null, null, replies(l.config()), clients(l.config()));
        }
        if (action instanceof FaultAction.SetLink l) {
            return new FaultStep.Network(at, patch(l.config()), NodeRef.server(l.from()), NodeRef.server(l.to()), replies(l.config()));
        }
        throw new IllegalArgumentException("no scenario step for " + action.describe());
    }

    /**
     * The reply override, when the links have one; null otherwise, so schedules drawn without
     * reply settings are written as before. Drawn schedules carry the same override on every
     * network change (SwarmDraw's links), so null never leaves a stale one in force.
     */
    private static NetworkPatch replies(LinkConfig c) {
        LinkOverride o = c.replies();
        if (o.isEmpty()) {
            return null;
        }
        return new NetworkPatch(ms(o.latencyMinMicros()), ms(o.latencyMaxMicros()), o.dropRate(), o.duplicateRate(),
                o.tailProbability(), ms(o.tailMaxMicros()), null);
    }

    /** The client-link overrides, when the links have any; null otherwise, as for {@link #replies}. */
    private static ClientLinks clients(LinkConfig c) {
        if (c.clientLinksAsServerLinks()) {
            return null;
        }
        return new ClientLinks(patchOf(c.clients()), patchOf(c.clientReplies()));
    }

    private static NetworkPatch patchOf(LinkOverride o) {
        return new NetworkPatch(ms(o.latencyMinMicros()), ms(o.latencyMaxMicros()), o.dropRate(), o.duplicateRate(),
                o.tailProbability(), ms(o.tailMaxMicros()), null);
    }

    private static Double ms(Long micros) {
        return micros == null ? null : micros / 1000.0;
    }

    private static NetworkPatch patch(LinkConfig c) {
        return new NetworkPatch(c.latencyMinMicros() / 1000.0, c.latencyMaxMicros() / 1000.0, c.dropRate(), c.duplicateRate(),
                c.tailProbability(), c.tailMaxMicros() / 1000.0, c.fifo());
    }
}
