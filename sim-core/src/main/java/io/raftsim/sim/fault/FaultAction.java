package io.raftsim.sim.fault;

import io.raftsim.sim.engine.ControlAction;
import io.raftsim.sim.engine.ControlTarget;
import io.raftsim.sim.network.LinkConfig;

import java.util.List;
import java.util.stream.Collectors;

/** A fault the engine applies at a virtual time. Each is an immutable record naming concrete nodes. */
public sealed interface FaultAction extends ControlAction {

    @Override
    default boolean isFault() {
        return true;
    }

    /** Cuts links between nodes of different groups; nodes in no group keep all their links. */
    record Partition(List<List<Integer>> groups) implements FaultAction {
        public Partition {
            groups = groups.stream().map(List::copyOf).toList();
        }

        @Override
        public String describe() {
            return "partition " + groups.stream().map(Object::toString).collect(Collectors.joining(" "));
        }

        @Override
        public void apply(ControlTarget target) {
            target.network().partition(groups.stream().map(g -> g.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new));
        }
    }

    record Isolate(int node) implements FaultAction {
        @Override
        public String describe() {
            return "isolate " + node;
        }

        @Override
        public void apply(ControlTarget target) {
            target.network().isolate(node);
        }
    }

    /** One direction only: {@code from}'s messages no longer reach {@code to}. */
    record Cut(int from, int to) implements FaultAction {
        @Override
        public String describe() {
            return "cut " + from + "->" + to;
        }

        @Override
        public void apply(ControlTarget target) {
            target.network().cut(from, to);
        }
    }

    /** Undoes the cuts of one server, except its links with servers still cut off from all others (the course's connect). */
    record Reconnect(int node) implements FaultAction {
        @Override
        public String describe() {
            return "reconnect " + node;
        }

        @Override
        public void apply(ControlTarget target) {
            target.network().reconnect(node);
        }
    }

    record Heal() implements FaultAction {
        @Override
        public String describe() {
            return "heal";
        }

        @Override
        public void apply(ControlTarget target) {
            target.network().heal();
        }
    }

    record Crash(int node) implements FaultAction {
        @Override
        public String describe() {
            return "crash " + node;
        }

        @Override
        public void apply(ControlTarget target) {
            target.crash(node);
        }
    }

    record Restart(int node) implements FaultAction {
        @Override
        public String describe() {
            return "restart " + node;
        }

        @Override
        public void apply(ControlTarget target) {
            target.restart(node);
        }
    }

    record Pause(int node) implements FaultAction {
        @Override
        public String describe() {
            return "pause " + node;
        }

        @Override
        public void apply(ControlTarget target) {
            target.pause(node);
        }
    }

    record Resume(int node) implements FaultAction {
        @Override
        public String describe() {
            return "resume " + node;
        }

        @Override
        public void apply(ControlTarget target) {
            target.resume(node);
        }
    }

    /** The node's clock runs at {@code rate} (1.0 is true time). */
    record Drift(int node, double rate) implements FaultAction {
        @Override
        public String describe() {
            return "drift " + node + " " + rate;
        }

        @Override
        public void apply(ControlTarget target) {
            target.setDrift(node, rate);
        }
    }

    /** New settings for one directed link from now on: a slow or lossy path between two nodes. */
    record SetLink(int from, int to, LinkConfig config) implements FaultAction {
        @Override
        public String describe() {
            return "link " + from + "->" + to + " " + SetLinks.settings(config);
        }

        @Override
        public void apply(ControlTarget target) {
            target.network().setLink(from, to, config);
        }
    }

    /** New settings for every link from now on (latency, loss, duplication). */
    record SetLinks(LinkConfig config) implements FaultAction {
        @Override
        public String describe() {
            return "links " + settings(config);
        }

        static String settings(LinkConfig config) {
            return "latency=" + config.latencyMinMicros() + ".." + config.latencyMaxMicros()
                    + "us tail=" + config.tailProbability() + "@" + config.tailMaxMicros()
                    + "us drop=" + config.dropRate() + " dup=" + config.duplicateRate() + " fifo=" + config.fifo()
                    // Only when set, so links without a reply override describe (and digest) as before.
                    + (config.replies().isEmpty() ? "" : " replies " + config.replies().describe())
                    + (config.clients().isEmpty() ? "" : " clients " + config.clients().describe())
                    + (config.clientReplies().isEmpty() ? "" : " clientReplies " + config.clientReplies().describe());
        }

        @Override
        public void apply(ControlTarget target) {
            target.network().setAllLinks(config);
        }
    }
}
