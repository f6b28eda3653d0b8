package io.raftsim.sim.toy;

/** A rumour: the sender's counter and how many hops it has travelled. */
public record GossipMessage(long value, int hops) {
}
