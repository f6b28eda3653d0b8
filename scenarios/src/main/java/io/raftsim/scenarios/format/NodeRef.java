package io.raftsim.scenarios.format;

/**
 * How a fault names a server: {@code n1..nN}, {@code leader} (the leader at the virtual time
 * the fault runs), {@code follower} (an up server that does not lead then, drawn from the
 * seed), {@code afterLeader} (the server numbered after the leader, n1 after nN), {@code random}
 * (any server, drawn from the seed; several in one step are different servers), a bound
 * name {@code $NAME} (the server an earlier step bound it to) or {@code rest} (every server
 * not named elsewhere in the same action).
 *
 * @param index 0-based server id for {@code nK}, or -1 for every other reference
 */
public record NodeRef(String name, int index) {
    public static final NodeRef LEADER = new NodeRef("leader", -1);
    public static final NodeRef REST = new NodeRef("rest", -1);
    public static final NodeRef FOLLOWER = new NodeRef("follower", -1);
    public static final NodeRef AFTER_LEADER = new NodeRef("afterLeader", -1);
    /** Any server, drawn from the seed; the {@code random}s of one step are different servers. */
    public static final NodeRef RANDOM = new NodeRef("random", -1);
    /** What a bound name may be: a letter, then letters and digits, at most 40 in all. */
    public static final String BINDING_NAME = "[A-Za-z][A-Za-z0-9]{0,39}";

    /** The reference {@code $name} to the server an earlier step bound {@code name} to. */
    public static NodeRef binding(String name) {
        if (!name.matches(BINDING_NAME)) {
            throw new IllegalArgumentException("not a binding name: " + name);
        }
        return new NodeRef("$" + name, -1);
    }

    public boolean isBinding() {
        return name.startsWith("$");
    }

    /** The bound name without its {@code $}; only for {@link #isBinding()}. */
    public String bindingName() {
        return name.substring(1);
    }

    /** Resolved only when the step runs: leader, follower, afterLeader or a bound name. */
    public boolean isDynamic() {
        return index < 0 && !isRest();
    }

    public static NodeRef server(int index) {
        return new NodeRef("n" + (index + 1), index);
    }

    /** The 0-based id of a server name {@code nK} that has already been validated. */
    public static int indexOf(String serverName) {
        return Integer.parseInt(serverName.substring(1)) - 1;
    }

    public boolean isServer() {
        return index >= 0;
    }

    public boolean isLeader() {
        return this.equals(LEADER);
    }

    public boolean isRest() {
        return this.equals(REST);
    }

    @Override
    public String toString() {
        return name;
    }
}
