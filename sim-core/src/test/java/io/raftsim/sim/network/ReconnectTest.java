package io.raftsim.sim.network;

import io.raftsim.sim.random.RandomStream;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reconnecting one server undoes its cuts as the course harness's connect(i) does: its links
 * with clients and with every server not itself cut off come back, its links with a server
 * still cut off stay cut, and nobody else's links change.
 */
class ReconnectTest {
    private static final LinkConfig FIXED_5MS = new LinkConfig(5_000, 5_000, 0, 5_000, 0, 0, false);

    /** Five servers (0..4) and one client (5). */
    private static Network network() {
        return new Network(6, 5, FIXED_5MS, new RandomStream(7).derive("network"), 1_000);
    }

    @Test
    void twoDisconnectedServersReconnectOneAtATime() {
        Network network = network();
        network.isolate(0);
        network.partition(new int[][] {{1}, {0, 2, 3, 4}});
        assertTrue(network.isCutOff(0));
        assertTrue(network.isCutOff(1));
        assertFalse(network.isCutOff(2));

        network.reconnect(0);
        assertFalse(network.isCutOff(0));
        for (int other : new int[] {2, 3, 4, 5}) {
            assertFalse(network.isCut(0, other), "0 -> " + other);
            assertFalse(network.isCut(other, 0), other + " -> 0");
        }
        assertTrue(network.isCut(0, 1), "1 is still disconnected: the link between the two stays cut");
        assertTrue(network.isCut(1, 0));
        assertTrue(network.isCutOff(1));

        network.reconnect(1);
        assertFalse(network.hasCuts(), "1 comes back to everyone, 0 included");
    }

    @Test
    void reconnectingAConnectedServerChangesNothingAndOthersCutsStay() {
        Network network = network();
        network.cut(2, 3);
        network.isolate(4);
        long changes = network.changes();
        network.reconnect(0);
        assertEquals(changes, network.changes(), "0 had no cut to undo");
        assertTrue(network.isCut(2, 3), "a cut between two other servers stays");
        assertTrue(network.isCutOff(4));
        network.reconnect(2);
        assertFalse(network.isCut(2, 3), "2's own one-way cut goes: 3 is not cut off");
        assertTrue(network.isCut(2, 4), "4 is cut off, so its link with 2 stays cut");
    }

    @Test
    void aOneServerClusterIsNeverCutOff() {
        Network network = new Network(2, 1, FIXED_5MS, new RandomStream(7).derive("network"), 1_000);
        network.isolate(0);
        assertFalse(network.isCutOff(0), "no other server to be cut off from");
        network.reconnect(0);
        assertFalse(network.hasCuts(), "its client link comes back");
    }
}
