package io.raftsim.raft.message;

/** Everything that travels on the simulated network of a Raft cluster: RPCs between servers and client traffic. */
public sealed interface Message permits RaftMessage, ClientRequest, ClientReply {
}
