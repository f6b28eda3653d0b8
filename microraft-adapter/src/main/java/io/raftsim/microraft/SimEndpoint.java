package io.raftsim.microraft;

import io.microraft.RaftEndpoint;

/**
 * A MicroRaft endpoint named by a small int, the simulator's node id.
 *
 * <p>{@code hashCode} is the id itself and {@code equals} compares ids, never identity.
 * MicroRaft keeps endpoints in {@code HashMap}s and {@code HashSet}s (the leader's
 * follower states, a candidate's votes, the snapshot chunk collector) and iterates them
 * when it sends; with the identity hash those iteration orders, and so the order of sends,
 * would change from one JVM run to the next. A restarted node also gets new endpoint
 * objects from its decoded state, which must equal the ones its peers hold.
 */
public final class SimEndpoint implements RaftEndpoint {
    private final int id;

    private SimEndpoint(int id) {
        if (id < 0) {
            throw new IllegalArgumentException("endpoint id must not be negative: " + id);
        }
        this.id = id;
    }

    public static SimEndpoint of(int id) {
        return new SimEndpoint(id);
    }

    /** The endpoint's id; MicroRaft's API returns it boxed. */
    @Override
    public Object getId() {
        return id;
    }

    public int id() {
        return id;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SimEndpoint endpoint && endpoint.id == id;
    }

    @Override
    public int hashCode() {
        return id;
    }

    @Override
    public String toString() {
        return "n" + id;
    }
}
