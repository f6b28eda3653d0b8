package io.raftsim.scenarios.run;

import io.raftsim.harness.cluster.Cluster;
import io.raftsim.harness.spi.JointMembershipChange;
import io.raftsim.harness.spi.MembershipChange;
import io.raftsim.scenarios.format.FaultStep;
import io.raftsim.scenarios.format.NodeRef;
import io.raftsim.sim.engine.ControlAction;
import io.raftsim.sim.engine.ControlTarget;
import io.raftsim.sim.engine.Time;
import io.raftsim.sim.fault.FaultAction;
import io.raftsim.sim.network.LinkConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

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
    /** The step as the scenario lists it ({@code faults[3] (check at 6000 ms)}), for failures. */
    private final String label;
    private final BoundServers servers;
    private final MidRunChecks checks;
    /** The one server a single-server step resolved to, for its binding; -1 before or when skipped. */
    private int singleNode = -1;

    ScenarioAction(FaultStep step, Cluster cluster, LinkConfig links, String label, BoundServers servers, MidRunChecks checks) {
        this.step = step;
        this.cluster = cluster;
        this.links = links;
        this.label = label;
        this.servers = servers;
        this.checks = checks;
    }

    @Override
    public String describe() {
        return "scenario " + step.action() + " at " + Time.format(step.atMicros());
    }

    @Override
    public boolean isFault() {
        FaultStep plain = FaultStep.plain(step);
        return !(plain instanceof FaultStep.ClientBurst || plain instanceof FaultStep.Submit || plain instanceof FaultStep.Clients
                || plain instanceof FaultStep.TransferLeadership
                || plain instanceof FaultStep.Check || plain instanceof FaultStep.Bind);
    }

    @Override
    public void apply(ControlTarget target) {
        throw new IllegalStateException("a scenario step is applied through resolve(): " + step);
    }

    @Override
    public ControlAction resolve(ControlTarget target) {
        if (step instanceof FaultStep.Staged staged) {
            return staged(staged, target);
        }
        if (step instanceof FaultStep.Check check) {
            if (check.condition().kind().counted()) {
                checks.startCount(label, check.condition(), check.atMicros() + check.windowMicros(), check.until());
            } else {
                checks.start(label, check.condition(), check.atMicros() + check.windowMicros(), null);
            }
            return new Noted("check " + check.condition().describe() + (check.until() != null ? " until " + check.until().describe() : "")
                    + " " + check.windowField() + " " + check.windowMicros() / 1000.0);
        }
        if (step instanceof FaultStep.Submit submit) {
            if (submit.node() == null) {
                return new Submitted(cluster, submit.count(), -1);
            }
            int node = server(submit.node());
            return node < 0 ? skipped(servers.whyNone(submit.node())) : new Submitted(cluster, submit.count(), node);
        }
        if (step instanceof FaultStep.TransferLeadership transfer) {
            int leader = server(NodeRef.LEADER);
            if (leader < 0) {
                return skipped(servers.whyNone(NodeRef.LEADER));
            }
            int to = server(transfer.node());
            return to < 0 ? skipped(servers.whyNone(transfer.node())) : new TransferRequested(cluster, leader, to);
        }
        if (step instanceof FaultStep.Clients clients) {
            return new ClientsSwitched(cluster, clients.issuing());
        }
        if (step instanceof FaultStep.Bind bind) {
            int node = server(bind.node());
            if (node < 0) {
                return skipped(servers.whyNone(bind.node()));
            }
            servers.bind(bind.name(), node);
            return new Noted("bind $" + bind.name() + " = n" + (node + 1));
        }
        if (step instanceof FaultStep.Membership membership) {
            return membership(membership);
        }
        if (step instanceof FaultStep.JointChange change) {
            return jointChange(change);
        }
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
            return from < 0 ? skipped(servers.whyNone(network.from())) : to < 0 ? skipped(servers.whyNone(network.to()))
                    : new FaultAction.SetLink(from, to, links);
        }
        if (step instanceof FaultStep.Cut cut) {
            int from = server(cut.from());
            int to = server(cut.to());
            if (from < 0 || to < 0) {
                return skipped(servers.whyNone(from < 0 ? cut.from() : cut.to()));
            }
            return from == to ? skipped("from and to are the same server n" + (from + 1)) : new FaultAction.Cut(from, to);
        }
        NodeRef ref = step instanceof FaultStep.Isolate isolate ? isolate.node()
                : step instanceof FaultStep.Drift drift ? drift.node() : ((FaultStep.NodeAction) step).node();
        int node = server(ref);
        if (node < 0) {
            return skipped(servers.whyNone(ref));
        }
        singleNode = node;
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
            case "reconnect" -> new FaultAction.Reconnect(node);
            default -> throw new IllegalStateException("unknown node action " + step.action());
        };
    }

    /**
     * Asks the leader of the moment for the change, now: the change's own messages go out in
     * this step, and the trace records the leader's answer (a refusal is not retried).
     */
    private ControlAction membership(FaultStep.Membership membership) {
        int node = server(membership.node());
        if (node < 0) {
            return skipped(servers.whyNone(membership.node()));
        }
        singleNode = node;
        int leader = cluster.currentLeader();
        if (leader < 0) {
            return skipped("no leader to ask");
        }
        MembershipChange change = new MembershipChange(membership.kind(), node);
        MembershipChange.Answer answer = cluster.changeMembership(leader, change);
        return new Noted(change.describe() + " asked of leader n" + (leader + 1) + ": " + answer);
    }

    /** As {@link #membership}, for a change of several servers at once (§4.3); a server named twice once resolved is skipped. */
    private ControlAction jointChange(FaultStep.JointChange step) {
        List<List<Integer>> resolved = new ArrayList<>();
        TreeSet<Integer> seen = new TreeSet<>();
        for (List<NodeRef> refs : List.of(step.addVoters(), step.addLearners(), step.removeServers())) {
            List<Integer> ids = new ArrayList<>();
            for (NodeRef ref : refs) {
                int node = server(ref);
                if (node < 0) {
                    return skipped(servers.whyNone(ref));
                }
                if (!seen.add(node)) {
                    return skipped("n" + (node + 1) + " is named twice in one change (\"" + ref + "\")");
                }
                ids.add(node);
            }
            resolved.add(ids);
        }
        int leader = cluster.currentLeader();
        if (leader < 0) {
            return skipped("no leader to ask");
        }
        JointMembershipChange change = new JointMembershipChange(resolved.get(0), resolved.get(1), resolved.get(2));
        MembershipChange.Answer answer = cluster.changeMembership(leader, change);
        return new Noted(change.describe() + " asked of leader n" + (leader + 1) + ": " + answer);
    }

    /**
     * Groups of servers; {@code rest} is every server no other group names. A server named in
     * two groups (the leader was also named by number) stays in the first.
     */
    private ControlAction partition(FaultStep.Partition partition) {
        int serverCount = cluster.spec().servers();
        boolean[] placed = new boolean[serverCount];
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
                    return skipped(servers.whyNone(ref));
                }
                if (!placed[node]) {
                    placed[node] = true;
                    group.add(node);
                }
            }
            groups.add(group);
        }
        if (restGroup >= 0) {
            for (int node = 0; node < serverCount; node++) {
                if (!placed[node]) {
                    groups.get(restGroup).add(node);
                }
            }
        }
        groups.removeIf(List::isEmpty);
        return new FaultAction.Partition(groups);
    }

    /**
     * A step that waits starts waiting (its step runs once the condition holds, as a step of
     * its own); a guarded step ({@code ifUpBelow}, {@code ifConnectedBelow}) is skipped unless
     * fewer servers are up (and connected) than its bound; a step that binds binds the one server it acts on, then acts. (A drawn wait
     * was resolved into the step's time before the run.)
     */
    private ControlAction staged(FaultStep.Staged staged, ControlTarget target) {
        if (staged.when() != null) {
            // The binding and the guard go with the step that fires once the condition holds.
            FaultStep inner = staged.bind() == null && !staged.guarded() ? staged.step()
                    : new FaultStep.Staged(staged.step(), staged.bind(), null, 0, null, staged.ifUpBelow(), staged.ifConnectedBelow());
            ScenarioAction fire = new ScenarioAction(inner, cluster, links, label, servers, checks);
            checks.start(label, staged.when(), staged.latestMicros(), fire);
            return new Noted("wait for " + staged.when().describe() + " within " + staged.whenWithinMicros() / 1000.0);
        }
        if (staged.ifUpBelow() > 0) {
            int up = 0;
            for (int id = 0; id < cluster.spec().servers(); id++) {
                up += cluster.engine().isUp(id) ? 1 : 0;
            }
            if (up >= staged.ifUpBelow()) {
                return skipped(up + " servers are up, not fewer than ifUpBelow " + staged.ifUpBelow());
            }
        }
        if (staged.ifConnectedBelow() > 0) {
            // The course harness's count of connected servers: up, and not cut off from every other server.
            int connected = 0;
            for (int id = 0; id < cluster.spec().servers(); id++) {
                connected += cluster.engine().isUp(id) && !target.network().isCutOff(id) ? 1 : 0;
            }
            if (connected >= staged.ifConnectedBelow()) {
                return skipped(connected + " servers are up and connected, not fewer than ifConnectedBelow " + staged.ifConnectedBelow());
            }
        }
        ScenarioAction plain = new ScenarioAction(staged.step(), cluster, links, label, servers, checks);
        ControlAction resolved = plain.resolve(target);
        if (staged.bind() != null && plain.singleNode >= 0) {
            servers.bind(staged.bind(), plain.singleNode);
        }
        return resolved;
    }

    /** The server id now, or -1 when the reference names none (no leader, say). */
    private int server(NodeRef ref) {
        return servers.resolve(ref, step.atMicros(), drawOf(ref));
    }

    /** The place of a {@code follower} reference among the step's references: its own draw. */
    private int drawOf(NodeRef ref) {
        return io.raftsim.scenarios.format.Bindings.references(step).indexOf(ref);
    }

    private ControlAction skipped(String why) {
        return new Skipped("skipped " + step.action() + " at " + Time.format(step.atMicros()) + ": " + why);
    }

    /** A check that starts, a wait, a binding: recorded in the trace, changes nothing in the cluster. */
    record Noted(String describe) implements ControlAction {
        @Override
        public void apply(ControlTarget target) {
        }
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

    /** Clients submit {@code count} commands to {@code server} first, or {@code count} to every server when it is -1. */
    record Submitted(Cluster cluster, int count, int server) implements ControlAction {
        @Override
        public String describe() {
            return "submit " + count + (server < 0 ? " to every server" : " to n" + (server + 1));
        }

        @Override
        public void apply(ControlTarget target) {
            if (server >= 0) {
                cluster.submit(count, server);
                return;
            }
            for (int id = 0; id < cluster.spec().servers(); id++) {
                cluster.submit(count, id);
            }
        }
    }

    /** The leader is asked to hand leadership to {@code target} (§3.10). */
    record TransferRequested(Cluster cluster, int leader, int target) implements ControlAction {
        @Override
        public String describe() {
            return "transfer leadership from n" + (leader + 1) + " to n" + (target + 1);
        }

        @Override
        public void apply(ControlTarget target) {
            cluster.transferLeadership(leader, this.target);
        }
    }

    /** The clients' own workload stops or starts again. */
    record ClientsSwitched(Cluster cluster, boolean issuing) implements ControlAction {
        @Override
        public String describe() {
            return issuing ? "clients start" : "clients stop";
        }

        @Override
        public void apply(ControlTarget target) {
            cluster.pauseClientWorkload(!issuing);
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
