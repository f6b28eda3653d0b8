package io.raftsim.scenarios.arbitraries;

import io.raftsim.harness.spi.MembershipChange;
import io.raftsim.scenarios.format.Condition;
import io.raftsim.scenarios.format.DrawnWait;
import io.raftsim.scenarios.format.FaultStep;
import io.raftsim.scenarios.format.NodeRef;
import io.raftsim.sim.engine.Time;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Assembles drawn story elements into mid-run steps a file could hold: checks, counts, bindings
 * and the {@code $NAME}s that use them, waits, command checks after the submits they count on,
 * and rounds written out as the reader writes them. Every reference to a bound name comes after
 * a step that surely binds it, every window ends by the run's end and every command named was
 * submitted by then, so the reader accepts what is drawn and the shrinker keeps it valid.
 */
final class MidRunSteps {
    /** The longest window an element draws, so an element drawn before {@code durationMs - MAX_WINDOW_MS} fits. */
    static final long MAX_WINDOW_MS = 1_000;

    /** One drawn element: what kind, when, and four numbers its kind reads as it needs. */
    record Element(int kind, long atMs, int a, int b, int c, int d) {
    }

    static final int KINDS = 9;

    private final int nodes;
    private final long durationMs;
    private final List<FaultStep> steps = new ArrayList<>();
    /** Names bound so far, each with the time from which a step may surely use it. */
    private final List<String> names = new ArrayList<>();
    private final List<Long> usableFromMicros = new ArrayList<>();
    private long submitted;

    private MidRunSteps(int nodes, long durationMs) {
        this.nodes = nodes;
        this.durationMs = durationMs;
    }

    static List<FaultStep> assemble(List<Element> drawn, int nodes, long durationMs) {
        List<Element> elements = new ArrayList<>(drawn);
        elements.sort(Comparator.comparingLong(Element::atMs)); // stable: equal times keep their drawn order
        MidRunSteps story = new MidRunSteps(nodes, durationMs);
        for (int i = 0; i < elements.size(); i++) {
            story.add(elements.get(i), i);
        }
        return story.steps;
    }

    private void add(Element e, int place) {
        long at = Time.ms(e.atMs());
        long window = Time.ms(1 + Math.floorMod(e.c(), (int) Math.min(MAX_WINDOW_MS, durationMs - e.atMs())));
        switch (e.kind()) {
            case 0 -> bind(new FaultStep.Bind(at, "b" + place, reference(e.a())), "b" + place, at);
            case 1 -> {
                // A fault that binds the server it acts on, once there is a leader.
                FaultStep act = e.b() % 2 == 0 ? new FaultStep.Isolate(at, reference(e.a())) : new FaultStep.NodeAction(at, "pause", reference(e.a()));
                bind(new FaultStep.Staged(act, "w" + place, Condition.of(Condition.Kind.ONE_LEADER), window), "w" + place, at + window);
            }
            case 2 -> steps.add(check(at, window, e));
            case 3 -> steps.add(count(at, window, e));
            case 4 -> {
                // A wait: submit once there is a leader, or once a new entry is committed.
                Condition when = e.b() % 2 == 0 ? Condition.of(Condition.Kind.ONE_LEADER)
                        : new Condition(Condition.Kind.COMMITTED, List.of(), List.of(), Condition.NEXT_INDEX, 0);
                int count = 1 + Math.floorMod(e.d(), 3);
                steps.add(new FaultStep.Staged(new FaultStep.Submit(at, count, NodeRef.LEADER), null, when, window));
                submitted += count;
            }
            case 5 -> {
                // Submits, and a check naming one of the commands submitted so far by its place.
                int count = 1 + Math.floorMod(e.d(), 3);
                steps.add(new FaultStep.Submit(at, count, e.b() % 3 == 0 ? null : NodeRef.LEADER));
                submitted += (long) count * (e.b() % 3 == 0 ? nodes : 1);
                int command = 1 + (int) Math.floorMod(e.a(), submitted);
                Condition.Kind kind = switch (Math.floorMod(e.b(), 3)) {
                    case 0 -> Condition.Kind.COMMITTED;
                    case 1 -> Condition.Kind.APPLIED;
                    default -> Condition.Kind.NOT_COMMITTED;
                };
                int servers = kind == Condition.Kind.NOT_COMMITTED ? 0 : Math.floorMod(e.d(), nodes + 1);
                steps.add(new FaultStep.Check(at, new Condition(kind, List.of(), List.of(), 0, servers, command), window));
            }
            case 6 -> rounds(at, e, place);
            case 7 -> steps.add(membership(at, e));
            default -> courseRound(at, e);
        }
    }

    /**
     * TestFigure82C's iteration: a submit, then after a wait drawn per seed (sometimes with a
     * long tail) a crash of the leader and a restart of a random server only while fewer than
     * {@code ifUpBelow} are up; the two wait alike, being of one moment with one range. Or
     * TestFigure8Unreliable2C's: the leader disconnected from the other servers and a random
     * server reconnected only while fewer than {@code ifConnectedBelow} are connected.
     */
    private void courseRound(long at, Element e) {
        long roomMicros = Time.ms(durationMs) - at;
        long min = Math.min(Math.floorMod(e.d(), 5_000), roomMicros);
        long max = Math.min(min + Math.floorMod(e.c(), 20_000), roomMicros);
        boolean tail = e.b() % 2 == 0;
        DrawnWait wait = new DrawnWait(min, max, tail ? 0.1 : 0, tail ? Math.min(max + Math.floorMod(e.b(), 500_000), roomMicros) : max);
        steps.add(new FaultStep.Submit(at, 1, null));
        int below = 1 + Math.floorMod(e.a(), nodes);
        if (Math.floorMod(e.d(), 3) == 2) {
            steps.add(new FaultStep.Staged(new FaultStep.Partition(at, List.of(List.of(NodeRef.LEADER), List.of(NodeRef.REST))), null, null, 0, wait, 0));
            steps.add(new FaultStep.Staged(new FaultStep.NodeAction(at, "reconnect", NodeRef.RANDOM), null, null, 0, wait, 0, below));
        } else {
            steps.add(new FaultStep.Staged(new FaultStep.NodeAction(at, "crash", NodeRef.LEADER), null, null, 0, wait, 0));
            steps.add(new FaultStep.Staged(new FaultStep.NodeAction(at, "restart", NodeRef.RANDOM), null, null, 0, wait, below));
        }
        submitted += nodes;
    }

    /**
     * A membership change asked of the leader of the moment: one server's (addServer, promoteLearner,
     * removeServer) or several at once (changeMembership, joint consensus §4.3), the servers drawn
     * from the bits of {@code a} (removed), {@code b} (made voters) and {@code d} (added as learners).
     * Many are refused (NOT_APPLICABLE, CHANGE_PENDING): the trace says so and the run goes on.
     */
    private FaultStep membership(long at, Element e) {
        if (Math.floorMod(e.c(), 2) == 0) {
            MembershipChange.Kind kind = MembershipChange.Kind.values()[Math.floorMod(e.b(), MembershipChange.Kind.values().length)];
            return new FaultStep.Membership(at, kind, kind == MembershipChange.Kind.REMOVE_SERVER ? reference(e.a()) : NodeRef.server(Math.floorMod(e.a(), nodes)));
        }
        List<NodeRef> remove = new ArrayList<>();
        List<NodeRef> voters = new ArrayList<>();
        List<NodeRef> learners = new ArrayList<>();
        for (int node = 0; node < nodes; node++) {
            List<NodeRef> into = (e.a() >> node & 1) != 0 ? remove : (e.b() >> node & 1) != 0 ? voters : (e.d() >> node & 1) != 0 ? learners : null;
            if (into != null) {
                into.add(NodeRef.server(node));
            }
        }
        if (remove.isEmpty() && voters.isEmpty() && learners.isEmpty()) {
            remove.add(NodeRef.LEADER);
        }
        return new FaultStep.JointChange(at, voters, learners, remove);
    }

    private void bind(FaultStep step, String name, long usableFrom) {
        steps.add(step);
        names.add(name);
        usableFromMicros.add(usableFrom);
    }

    /** A single-server reference: a server, the leader, a follower, the one after the leader, or one drawn at random. */
    private NodeRef reference(int draw) {
        return switch (Math.floorMod(draw, 5)) {
            case 0 -> NodeRef.LEADER;
            case 1 -> NodeRef.FOLLOWER;
            case 2 -> NodeRef.AFTER_LEADER;
            case 3 -> NodeRef.RANDOM;
            default -> NodeRef.server(Math.floorMod(draw / 5, nodes));
        };
    }

    /** A server for {@code among} or {@code except}: a name bound and usable by {@code at} when {@code draw} asks and there is one, else {@code nK}. */
    private NodeRef covered(int draw, long at) {
        if (draw % 2 == 1) {
            List<String> usable = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                if (usableFromMicros.get(i) <= at && !usable.contains(names.get(i))) {
                    usable.add(names.get(i));
                }
            }
            if (!usable.isEmpty()) {
                return NodeRef.binding(usable.get(Math.floorMod(draw / 2, usable.size())));
            }
        }
        return NodeRef.server(Math.floorMod(draw / 2, nodes));
    }

    /** One of the state conditions, over every server, some named ({@code among}) or all but one ({@code except}). */
    private FaultStep check(long at, long window, Element e) {
        Condition.Kind kind = switch (Math.floorMod(e.a(), 5)) {
            case 0 -> Condition.Kind.ONE_LEADER;
            case 1 -> Condition.Kind.NO_LEADER;
            case 2 -> Condition.Kind.COMMITTED;
            case 3 -> Condition.Kind.NOT_COMMITTED;
            default -> Condition.Kind.APPLIED;
        };
        List<NodeRef> among = new ArrayList<>();
        List<NodeRef> except = new ArrayList<>();
        switch (Math.floorMod(e.b(), 3)) {
            case 1 -> among.add(covered(e.d(), at));
            case 2 -> except.add(covered(e.d(), at));
            default -> { }
        }
        long index = !kind.indexed() ? 0 : e.d() % 4 == 0 ? Condition.NEXT_INDEX : 1 + Math.floorMod(e.d(), 5);
        int count = 0;
        if (kind == Condition.Kind.COMMITTED || kind == Condition.Kind.APPLIED) {
            count = Math.floorMod(e.a() / 5, (among.isEmpty() ? nodes : among.size()) + 1);
        }
        return new FaultStep.Check(at, new Condition(kind, among, except, index, count), window);
    }

    /** A count of RPCs or bytes, over a window or until a leader or a new entry. */
    private FaultStep count(long at, long window, Element e) {
        Condition.Kind kind = e.a() % 2 == 0 ? Condition.Kind.RPCS_AT_MOST : Condition.Kind.BYTES_AT_MOST;
        int bound = Math.floorMod(e.d(), kind == Condition.Kind.RPCS_AT_MOST ? 200 : 40_000);
        Condition until = switch (Math.floorMod(e.b(), 3)) {
            case 1 -> Condition.of(Condition.Kind.ONE_LEADER);
            case 2 -> new Condition(Condition.Kind.COMMITTED, List.of(), List.of(), Condition.NEXT_INDEX, 0);
            default -> null;
        };
        return new FaultStep.Check(at, Condition.atMost(kind, bound), window, until);
    }

    /**
     * Rounds as the reader writes them out: each round isolates a server drawn anew and binds
     * it, checks a new entry on the others within the round, and heals before the next.
     */
    private void rounds(long at, Element e, int place) {
        long everyMs = 100 + Math.floorMod(e.b(), 400);
        long roomMs = durationMs - at / 1000;
        int count = (int) Math.min(1 + Math.floorMod(e.a(), 3), roomMs / everyMs);
        String name = "r" + place;
        for (int round = 0; round < count; round++) {
            long start = at + Time.ms(round * everyMs);
            bind(new FaultStep.Staged(new FaultStep.Isolate(start, NodeRef.RANDOM), name, null, 0), name, start);
            Condition entry = new Condition(Condition.Kind.COMMITTED, List.of(), List.of(NodeRef.binding(name)), Condition.NEXT_INDEX, 0);
            steps.add(new FaultStep.Check(start, entry, Time.ms(everyMs - 1)));
            steps.add(new FaultStep.Heal(start + Time.ms(everyMs - 1)));
        }
    }
}
