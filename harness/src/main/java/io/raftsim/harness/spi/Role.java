package io.raftsim.harness.spi;

/** A server's role (§5.1), plus the pre-candidate of PreVote (dissertation §9.6). */
public enum Role {
    FOLLOWER,
    PRE_CANDIDATE,
    CANDIDATE,
    LEADER
}
