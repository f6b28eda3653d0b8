package io.raftsim.raft.server;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A leader's table of waiting clients: one request per client, small ids and large alike, and clearing forgets all. */
class WaitingClientsTest {
    @Test
    void eachClientWaitsOnItsLatestRequestUntilRemovedOrCleared() {
        WaitingClients waiting = new WaitingClients();
        int[] clients = {0, 5, 40, 100_000, -3};
        for (int client : clients) {
            assertFalse(waiting.waitsOn(client, 1));
            waiting.put(client, 1);
            assertTrue(waiting.waitsOn(client, 1));
            waiting.put(client, 2); // a later request replaces the earlier one
            assertFalse(waiting.waitsOn(client, 1));
            assertTrue(waiting.waitsOn(client, 2));
        }
        waiting.remove(5);
        waiting.remove(100_000);
        assertFalse(waiting.waitsOn(5, 2));
        assertFalse(waiting.waitsOn(100_000, 2));
        assertTrue(waiting.waitsOn(40, 2));
        assertTrue(waiting.waitsOn(-3, 2));
        waiting.clear();
        for (int client : clients) {
            assertFalse(waiting.waitsOn(client, 2), "client " + client + " after clear");
        }
        waiting.put(40, 3); // usable again after a clear
        assertTrue(waiting.waitsOn(40, 3));
    }
}
