package io.raftsim.scenarios.run;

import io.raftsim.harness.cluster.Cluster;
import io.raftsim.scenarios.format.FaultStep;
import io.raftsim.scenarios.format.NodeRef;
import io.raftsim.sim.engine.ControlAction;
import io.raftsim.sim.engine.ControlTarget;
import io.raftsim.sim.engine.Time;
import io.raftsim.sim.fault.FaultAction;
import io.raftsim.sim.network.LinkConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * A scenario's fault step as the engine schedules it. Servers are resolved when the step
 * runs ({@link #resolve}), so {@code leader} is the leader at that virtual time; the engine
 * records and applies the concrete {@link FaultAction} this resolves to.
 */
final class ScenarioAction implements ControlAction {
    private final FaultStep step;
    private final Cluster cluster;
    /** For a network step: the link settings it installs (computed in time order when scheduled). */
    private final LinkConfig links;

    ScenarioAction(FaultStep step, Cluster cluster, LinkConfig links) {
        this.step = step;
        this.cluster = cluster;
        this.links = links;
    }

    @Override
    public String describe() {
        return "scenario " + step.action() + " at " + Time.format(step.atMicros());
    }

    @Override
    public boolean isFault() {
        return !(step instanceof FaultStep.ClientBurst);
    }

    @Override
    public void apply(ControlTarget target) {
        throw new IllegalStateException("a scenario step is applied through resolve(): " + step);
    }

    @Override
    public ControlAction resolve(ControlTarget target) {
        if (step instanceof FaultStep.ClientBurst burst) {
            return new Burst(cluster, burst.count());
        }
        if (step instanceof FaultStep.Heal) {
            return new FaultAction.Heal();
        }
        if (step instanceof FaultStep.Partition partition) {
            return partition(partition);
        }
        if (step instanceof FaultStep.Network network) {
            if (!network.oneLink()) {
                return new FaultAction.SetLinks(links);
            }
            int from = server(network.from());
            int to = server(network.to());
            return from < 0 || to < 0 ? skipped("no leader") : new FaultAction.SetLink(from, to, links);
        }
        if (step instanceof FaultStep.Cut cut) {
            int from = server(cut.from());
            int to = server(cut.to());
            if (from < 0 || to < 0) {
                return skipped("no leader");
            }
            return from == to ? skipped("from and to are the same server n" + (from + 1)) : new FaultAction.Cut(from, to);
        }
        NodeRef ref = step instanceof FaultStep.Isolate isolate ? isolate.node()
                : step instanceof FaultStep.Drift drift ? drift.node() : ((FaultStep.NodeAction) step).node();
        int node = server(ref);
        if (node < 0) {
            return skipped("no leader");
        }
        if (step instanceof FaultStep.Isolate) {
            return new FaultAction.Isolate(node);
        }
        if (step instanceof FaultStep.Drift drift) {
            return new FaultAction.Drift(node, drift.rate());
        }
        return switch (step.action()) {
            case "crash" -> new FaultAction.Crash(node);
            case "restart" -> new FaultAction.Restart(node);
            case "pause" -> new FaultAction.Pause(node);
            case "resume" -> new FaultAction.Resume(node);
            default -> throw new IllegalStateException("unknown node action " + step.action());
        };
    }

    /**
     * Groups of servers; {@code rest} is every server no other group names. A server named in
     * two groups (the leader was also named by number) stays in the first.
     */
    private ControlAction partition(FaultStep.Partition partition) {
        int servers = cluster.spec().servers();
        boolean[] placed = new boolean[servers];
        List<List<Integer>> groups = new ArrayList<>();
        int restGroup = -1;
        for (List<NodeRef> members : partition.groups()) {
            List<Integer> group = new ArrayList<>();
            for (NodeRef ref : members) {
                if (ref.isRest()) {
                    restGroup = groups.size();
                    continue;
                }
                int node = server(ref);
                if (node < 0) {
                    return skipped("no leader");
                }
                if (!placed[node]) {
                    placed[node] = true;
                    group.add(node);
                }
            }
            groups.add(group);
        }
        if (restGroup >= 0) {
            for (int node = 0; node < servers; node++) {
                if (!placed[node]) {
                    groups.get(restGroup).add(node);
                }
            }
        }
        groups.removeIf(List::isEmpty);
        return new FaultAction.Partition(groups);
    }

    /** The server id, or -1 for {@code leader} when no server leads right now. */
    private int server(NodeRef ref) {
        return ref.isLeader() ? cluster.currentLeader() : ref.index();
    }

    private ControlAction skipped(String why) {
        return new Skipped("skipped " + step.action() + " at " + Time.format(step.atMicros()) + ": " + why);
    }

    /** A step that named the leader when there was none: recorded in the trace, changes nothing. */
    record Skipped(String describe) implements ControlAction {
        @Override
        public void apply(ControlTarget target) {
        }

        @Override
        public boolean isFault() {
            return true;
        }
    }

    /** Clients issue extra operations at once. */
    record Burst(Cluster cluster, int count) implements ControlAction {
        @Override
        public String describe() {
            return "client burst " + count;
        }

        @Override
        public void apply(ControlTarget target) {
            cluster.burst(count);
        }
    }
}
