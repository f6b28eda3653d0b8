package com.example.myraft;

import io.raftsim.harness.kv.KvCommand;
import io.raftsim.harness.kv.KvResult;

import java.util.List;

/**
 * Everything my-raft's servers and clients say to each other: the two RPCs of Figure 2, their
 * replies, and the client's request and answer (§8). Immutable records; the codec turns them
 * into bytes, so no two servers ever share one.
 */
public sealed interface Message {
    /** Figure 2, RequestVote RPC: a candidate asks for a vote in {@code term}. */
    record RequestVote(long term, int candidateId, long lastLogIndex, long lastLogTerm) implements Message {
    }

    record RequestVoteReply(long term, boolean voteGranted) implements Message {
    }

    /** Figure 2, AppendEntries RPC: log entries after {@code prevLogIndex}, or none (a heartbeat). */
    record AppendEntries(long term, int leaderId, long prevLogIndex, long prevLogTerm, List<Entry> entries, long leaderCommit)
            implements Message {
        public AppendEntries {
            entries = List.copyOf(entries);
        }
    }

    /**
     * @param prevLogIndex the request's prevLogIndex, so the leader can tell which request a reply answers
     * @param matchIndex   on success, the last index the follower now shares with the leader
     */
    record AppendEntriesReply(long term, boolean success, long prevLogIndex, long matchIndex) implements Message {
    }

    /** A client's command; a retry carries the same (clientId, sequence). */
    record ClientRequest(int clientId, long sequence, KvCommand command) implements Message {
    }

    /**
     * @param result     the command's result, or null when {@code ok} is false
     * @param leaderHint where a redirected client should go next, or -1
     */
    record ClientReply(int clientId, long sequence, boolean ok, KvResult result, int leaderHint) implements Message {
    }
}
