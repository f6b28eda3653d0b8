package io.raftsim.scenarios.run;

import io.raftsim.harness.cluster.Cluster;
import io.raftsim.harness.spi.Role;
import io.raftsim.harness.spi.ServerProbe;
import io.raftsim.harness.wire.Packet;
import io.raftsim.scenarios.format.Condition;
import io.raftsim.scenarios.format.NodeRef;
import io.raftsim.sim.engine.ControlAction;
import io.raftsim.sim.engine.Observer;
import io.raftsim.sim.engine.SimulationView;
import io.raftsim.sim.engine.Time;
import io.raftsim.sim.engine.Violation;

import java.util.ArrayList;
import java.util.List;

/**
 * The scenario's checks in the middle of a run and its waiting steps, judged after every
 * step from the servers' probes: O(servers) per active check, nothing when none is active.
 * A check or a wait that misses ends the run with a {@link Violation} of {@link #PROPERTY},
 * which the runner reports as CHECK_FAILED with the {@link FailedCheck} kept here. Every
 * deadline is also a scheduled step of its own, so a deadline is judged at its exact time
 * even when nothing else happens then.
 */
final class MidRunChecks implements Observer<Packet> {
    static final String PROPERTY = "Check";

    private final Cluster cluster;
    private final BoundServers servers;
    private final List<Active> active = new ArrayList<>();
    private FailedCheck failure;

    /**
     * A condition being judged: a check, or a wait whose step {@code fire} runs once it holds.
     *
     * @param covered the servers the condition covers, resolved when it started
     * @param index   the index it talks about, "next" resolved when it started
     * @param found   for a condition naming its entry by command: per server, the index where
     *                it found the command committed (or applied), 0 until then
     * @param scanned for a condition naming its entry by command: per server, the index it has
     *                looked through; each step reads only what a server newly committed, so a
     *                check costs O(new entries), amortised O(1) per step
     */
    private record Active(String step, Condition condition, boolean[] covered, long index, long startMicros, long deadlineMicros, ControlAction fire,
                          long sentAtStart, Active until, long[] found, long[] scanned) {
    }

    MidRunChecks(Cluster cluster, BoundServers servers) {
        this.cluster = cluster;
        this.servers = servers;
    }

    /** Starts judging {@code condition} now, until {@code deadlineMicros}; a wait passes {@code fire}, a check null. */
    void start(String step, Condition condition, long deadlineMicros, ControlAction fire) {
        active.add(activate(step, condition, deadlineMicros, fire, null));
    }

    /**
     * Starts counting what servers send for {@code condition} (rpcsAtMost, bytesAtMost) now; the
     * window ends at {@code deadlineMicros}, or, with {@code until}, when that comes to hold
     * (which it must by the deadline).
     */
    void startCount(String step, Condition condition, long deadlineMicros, Condition until) {
        Active ending = until == null ? null : activate(step, until, deadlineMicros, null, null);
        active.add(activate(step, condition, deadlineMicros, null, ending));
    }

    private Active activate(String step, Condition condition, long deadlineMicros, ControlAction fire, Active until) {
        int count = cluster.spec().servers();
        boolean[] covered = new boolean[count];
        if (condition.among().isEmpty()) {
            // Every member of the configuration in force: a spare or removed server is not
            // expected to lead, follow or commit (dissertation §4.1). Every server, without
            // membership changes.
            for (int member : cluster.currentMembers()) {
                covered[member] = true;
            }
        }
        for (NodeRef ref : condition.among()) {
            mark(covered, ref, true);
        }
        for (NodeRef ref : condition.except()) {
            mark(covered, ref, false);
        }
        long index = condition.index();
        if (index == Condition.NEXT_INDEX) {
            long highest = 0;
            for (int id = 0; id < count; id++) {
                ServerProbe probe = upProbe(id);
                if (probe != null) {
                    highest = Math.max(highest, probe.commitIndex());
                }
            }
            index = highest + 1;
        }
        long[] found = condition.byCommand() ? new long[count] : null;
        long[] scanned = condition.byCommand() ? new long[count] : null;
        return new Active(step, condition, covered, index, cluster.engine().nowMicros(), deadlineMicros, fire, sent(condition.kind()), until,
                found, scanned);
    }

    /** The cumulative count a counting condition reads; 0 for the others. */
    private long sent(Condition.Kind kind) {
        return switch (kind) {
            case RPCS_AT_MOST -> cluster.sent().serverRpcs();
            case BYTES_AT_MOST -> cluster.sent().serverBytes();
            default -> 0;
        };
    }

    /** A name whose binding step was skipped names no server: it covers, and excludes, nobody. */
    private void mark(boolean[] covered, NodeRef ref, boolean value) {
        int id = servers.resolve(ref, 0, 0);
        if (id >= 0) {
            covered[id] = value;
        }
    }

    FailedCheck failure() {
        return failure;
    }

    @Override
    public Violation afterStep(SimulationView<Packet> view) {
        if (active.isEmpty()) {
            return null;
        }
        long now = cluster.engine().nowMicros();
        for (int i = 0; i < active.size(); ) {
            Active check = active.get(i);
            boolean holds = holds(check);
            boolean throughout = check.condition().kind().throughout();
            if (throughout ? !holds : now >= check.deadlineMicros() && !holds) {
                return fail(check, now);
            }
            boolean ended = check.until() != null ? holds(check.until()) : now >= check.deadlineMicros();
            if (check.until() != null && !ended && now >= check.deadlineMicros()) {
                return fail(check.until(), now);
            }
            if (throughout ? ended : holds) {
                active.remove(i);
                if (check.fire() != null) {
                    cluster.engine().schedule(now, check.fire());
                }
            } else {
                i++;
            }
        }
        return null;
    }

    private Violation fail(Active check, long now) {
        Condition condition = check.condition();
        String windowMs = Time.format(check.deadlineMicros() - check.startMicros());
        String what = condition.kind().counted()
                ? "broke at " + Time.format(now) + ": " + (sent(condition.kind()) - check.sentAtStart())
                        + (condition.kind() == Condition.Kind.RPCS_AT_MOST ? " server RPCs" : " server bytes")
                        + " sent since " + Time.format(check.startMicros()) + ", more than the bound " + condition.count()
                        + (check.until() != null ? " (counting until " + check.until().condition().describe() + ")" : "")
                : condition.kind().throughout()
                ? "broke at " + Time.format(now) + ", inside its " + windowMs + " window from " + Time.format(check.startMicros())
                : "did not hold within " + windowMs + " of " + Time.format(check.startMicros()) + (check.fire() != null ? " (the step waited for it)" : "")
                        + (isUntil(check) ? " (it ends a count's window)" : "");
        String detail = describeServers(check);
        failure = new FailedCheck(check.step(), now, condition, detail);
        return Violation.of(PROPERTY, check.step() + ": " + condition.describe() + " " + what + "; " + detail);
    }

    private boolean isUntil(Active check) {
        for (Active other : active) {
            if (other.until() == check) {
                return true;
            }
        }
        return false;
    }

    private boolean holds(Active check) {
        if (check.condition().kind().counted()) {
            return sent(check.condition().kind()) - check.sentAtStart() <= check.condition().count();
        }
        int servers = check.covered().length;
        int leaders = 0;
        long leaderTerm = -1;
        int reached = 0;
        int up = 0;
        for (int id = 0; id < servers; id++) {
            ServerProbe probe = check.covered()[id] ? upProbe(id) : null;
            if (probe == null) {
                continue;
            }
            up++;
            if (probe.role() == Role.LEADER) {
                leaders++;
                leaderTerm = probe.currentTerm();
            }
            long reachedIndex = check.condition().kind() == Condition.Kind.APPLIED ? probe.lastApplied() : probe.commitIndex();
            if (check.condition().byCommand() ? holdsCommand(check, id, probe, reachedIndex) : reachedIndex >= check.index()) {
                reached++;
            }
        }
        int needed = check.condition().count() > 0 ? check.condition().count() : up;
        return switch (check.condition().kind()) {
            case ONE_LEADER -> leaders == 1 && allInTerm(check, leaderTerm);
            case NO_LEADER -> leaders == 0;
            case COMMITTED, APPLIED -> up > 0 && reached >= needed;
            case NOT_COMMITTED -> reached == 0;
            case RPCS_AT_MOST, BYTES_AT_MOST -> throw new IllegalStateException("counted above");
        };
    }

    /**
     * True when server {@code id} has committed (applied) the entry holding the condition's
     * command: it looks through the indexes the server reached since the last look. Once found,
     * a command stays committed there (§5.4: committed entries are never removed). A command
     * no client has issued yet is committed nowhere.
     */
    private boolean holdsCommand(Active check, int id, ServerProbe probe, long reachedIndex) {
        if (check.found()[id] > 0) {
            return true;
        }
        int command = check.condition().command();
        if (cluster.submitted().submittedIssued() < command) {
            return false;
        }
        int client = cluster.submitted().submittedClient(command);
        long sequence = cluster.submitted().submittedSequence(command);
        long last = Math.min(reachedIndex, probe.lastLogIndex());
        // Entries compacted into a snapshot cannot be read; the look starts past them.
        long from = Math.max(check.scanned()[id], probe.firstLogIndex() - 1) + 1;
        for (long index = from; index <= last; index++) {
            if (probe.holdsClientCommand(index, client, sequence)) {
                check.found()[id] = index;
                return true;
            }
        }
        check.scanned()[id] = Math.max(check.scanned()[id], last);
        return false;
    }

        private boolean allInTerm(Active check, long term) {
        for (int id = 0; id < check.covered().length; id++) {
            ServerProbe probe = check.covered()[id] ? upProbe(id) : null;
            if (probe != null && probe.currentTerm() != term) {
                return false;
            }
        }
        return true;
    }

    /** Each covered up server's role, term, commit and applied index: what a reader of the failure needs. */
    private String describeServers(Active check) {
        List<String> parts = new ArrayList<>();
        for (int id = 0; id < check.covered().length; id++) {
            if (!check.covered()[id]) {
                continue;
            }
            ServerProbe probe = upProbe(id);
            parts.add("n" + (id + 1) + (probe == null ? " down" : " " + probe.role().name().toLowerCase(java.util.Locale.ROOT)
                    + " term " + probe.currentTerm() + " commit " + probe.commitIndex() + " applied " + probe.lastApplied()));
        }
        String index = check.condition().byCommand() ? commandDetail(check)
                : check.condition().kind().indexed() ? "index " + check.index() + "; " : "";
        return index + String.join(", ", parts);
    }

    /** Which command the condition names and where it was found: what a reader of the failure needs. */
    private String commandDetail(Active check) {
        int command = check.condition().command();
        if (cluster.submitted().submittedIssued() < command) {
            return "command " + command + " not issued yet (" + cluster.submitted().submittedIssued() + " submitted commands issued); ";
        }
        List<String> at = new ArrayList<>();
        for (int id = 0; id < check.found().length; id++) {
            if (check.found()[id] > 0) {
                at.add("n" + (id + 1) + "@" + check.found()[id]);
            }
        }
        return "command " + command + " is c" + cluster.submitted().submittedClient(command) + "#" + cluster.submitted().submittedSequence(command)
                + (at.isEmpty() ? "" : ", found at " + String.join(" ", at)) + "; ";
    }

    private ServerProbe upProbe(int id) {
        return cluster.engine().isUp(id) ? cluster.probe(id) : null;
    }

    /** A step of its own at a deadline, so the deadline is judged at its exact time; changes nothing. */
    record Deadline(String describe) implements ControlAction {
        @Override
        public void apply(io.raftsim.sim.engine.ControlTarget target) {
        }
    }
}
