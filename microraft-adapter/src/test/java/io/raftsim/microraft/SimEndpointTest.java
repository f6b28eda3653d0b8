package io.raftsim.microraft;

import io.microraft.RaftEndpoint;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class SimEndpointTest {
    /** What an endpoint without equals and hashCode would be: identity-hashed. */
    private record IdentityEndpoint(int id) implements RaftEndpoint {
        @Override
        public Object getId() {
            return id;
        }

        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    private static List<Object> hashSetOrder(IntFunction<RaftEndpoint> endpoint) {
        HashSet<RaftEndpoint> set = new HashSet<>();
        for (int id = 0; id < 64; id++) {
            set.add(endpoint.apply(id));
        }
        List<Object> order = new ArrayList<>();
        for (RaftEndpoint e : set) {
            order.add(e.getId());
        }
        return order;
    }

    @Test
    void equalityAndHashAreTheId() {
        assertEquals(SimEndpoint.of(3), SimEndpoint.of(3));
        assertNotEquals(SimEndpoint.of(3), SimEndpoint.of(4));
        assertEquals(3, SimEndpoint.of(3).hashCode());
        assertEquals(3, SimEndpoint.of(3).getId());
    }

    /** MicroRaft iterates HashMaps and HashSets of endpoints when it sends; their order must not depend on identity. */
    @Test
    void hashOrderIsTheSameForFreshObjectsAndWouldNotBeWithIdentityHashes() {
        assertEquals(hashSetOrder(SimEndpoint::of), hashSetOrder(SimEndpoint::of));
        assertNotEquals(hashSetOrder(IdentityEndpoint::new), hashSetOrder(IdentityEndpoint::new),
                "identity hashes scatter 64 fresh endpoints differently each time");
    }
}
