package io.raftsim.bench;

/** The one message of the ping-pong toy: a ball and how many times it has been hit so far. */
public record Ball(long volley) {
}
