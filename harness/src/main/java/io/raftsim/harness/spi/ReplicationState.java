package io.raftsim.harness.spi;

/** How a leader replicates to one follower (etcd's tracker): probing for the match point, or streaming. */
public enum ReplicationState {
    PROBE,
    REPLICATE
}
