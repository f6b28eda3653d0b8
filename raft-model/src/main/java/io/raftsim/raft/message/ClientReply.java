package io.raftsim.raft.message;

import io.raftsim.harness.kv.KvResult;

/**
 * A server's answer to a client. A server that is not the leader answers
 * {@link Status#NOT_LEADER} with the leader it knows ({@code -1} when none) and the client
 * retries there: we redirect rather than forward, so a request is only ever in one place.
 */
public record ClientReply(int clientId, long sequence, Status status, KvResult result, int leaderHint) implements Message {
    public enum Status { OK, NOT_LEADER }
}
