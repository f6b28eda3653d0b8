package io.raftsim.sim.fault;

/** The kinds of fault the generator can draw; swarm testing enables a random subset per seed. */
public enum FaultKind {
    CRASH,
    PARTITION,
    ISOLATE,
    ONE_WAY_CUT,
    PAUSE,
    DRIFT,
    LOSSY_NETWORK,
    DUPLICATING_NETWORK,
    SLOW_NETWORK
}
