package io.raftsim.scenarios.format;

/**
 * How a fault names a server: {@code n1..nN}, {@code leader} (the leader at the virtual time
 * the fault runs) or {@code rest} (every server not named elsewhere in the same action).
 *
 * @param index 0-based server id for {@code nK}, or -1 for {@code leader} and {@code rest}
 */
public record NodeRef(String name, int index) {
    public static final NodeRef LEADER = new NodeRef("leader", -1);
    public static final NodeRef REST = new NodeRef("rest", -1);

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
