package io.raftsim.sim.engine;

import io.raftsim.sim.network.Network;

/** What a fault or control action may act on: the processes' lifecycle and the network. */
public interface ControlTarget {
    int processCount();

    long nowMicros();

    boolean isUp(int node);

    boolean isPaused(int node);

    /** Discards the process and its timers; unsynced writes are lost if the storage mode says so. No-op if down. */
    void crash(int node);

    /** Creates a new incarnation from durable storage and runs its {@code onStart}. No-op if up. */
    void restart(int node);

    /** Stops handling events; messages and timers are held and handled on resume, late. */
    void pause(int node);

    void resume(int node);

    /** Sets the rate of the node's clock: 1.1 means its timers fire 10% early in virtual time. */
    void setDrift(int node, double rate);

    Network network();
}
