package io.raftsim.raft.message;

import io.raftsim.raft.kv.KvFingerprint;
import io.raftsim.raft.log.LogEntry;
import io.raftsim.sim.engine.MessageCodec;
import io.raftsim.sim.network.Traffic;
import io.raftsim.sim.random.RandomStream;

/** Fingerprints and summaries of cluster messages, by fixed formulas over their fields. */
public final class MessageCodecs implements MessageCodec<Message> {
    public static final MessageCodecs INSTANCE = new MessageCodecs();

    private MessageCodecs() {
    }

    @Override
    public long fingerprint(Message message) {
        if (message instanceof AppendEntries m) {
            long h = fold(fold(fold(fold(3, m.term()), m.leaderId()), m.prevLogIndex()), m.prevLogTerm());
            for (LogEntry entry : m.entries()) {
                h = fold(fold(h, entry.term()), entry.command().fingerprint());
            }
            return fold(h, m.leaderCommit());
        } else if (message instanceof AppendEntriesReply m) {
            return fold(fold(fold(fold(fold(fold(fold(4, m.term()), m.success() ? 1 : 0), m.matchIndex()), m.rejectedPrevLogIndex()),
                    m.conflictTerm()), m.conflictIndex()), m.followerLastIndex());
        } else if (message instanceof RequestVote m) {
            return fold(fold(fold(fold(fold(1, m.term()), m.candidateId()), m.lastLogIndex()), m.lastLogTerm()), m.preVote() ? 1 : 0);
        } else if (message instanceof RequestVoteReply m) {
            return fold(fold(fold(2, m.term()), m.voteGranted() ? 1 : 0), m.preVote() ? 1 : 0);
        } else if (message instanceof ClientRequest m) {
            return fold(fold(fold(5, m.clientId()), m.sequence()), KvFingerprint.of(m.command()));
        } else if (message instanceof ClientReply m) {
            long result = m.result() == null ? 0 : fold(KvFingerprint.text(m.result().value()), m.result().success() ? 1 : 0);
            return fold(fold(fold(fold(fold(6, m.clientId()), m.sequence()), m.status().ordinal()), result), m.leaderHint());
        }
        throw new IllegalArgumentException("unknown message " + message);
    }

    @Override
    public String summary(Message message) {
        if (message instanceof AppendEntries m) {
            String entries = m.entries().isEmpty() ? "heartbeat"
                    : "entries " + m.entries().get(0).index() + ".." + m.lastIndex();
            return "AppendEntries t" + m.term() + " prev=" + m.prevLogIndex() + ":" + m.prevLogTerm() + " " + entries + " commit=" + m.leaderCommit();
        } else if (message instanceof AppendEntriesReply m) {
            return "AppendEntriesReply t" + m.term() + (m.success() ? " ok match=" + m.matchIndex()
                    : " reject prev=" + m.rejectedPrevLogIndex() + " hint=" + m.conflictIndex() + ":" + m.conflictTerm());
        } else if (message instanceof RequestVote m) {
            return (m.preVote() ? "PreVote" : "RequestVote") + " t" + m.term() + " last=" + m.lastLogIndex() + ":" + m.lastLogTerm();
        } else if (message instanceof RequestVoteReply m) {
            return (m.preVote() ? "PreVoteReply" : "RequestVoteReply") + " t" + m.term() + (m.voteGranted() ? " granted" : " refused");
        } else if (message instanceof ClientRequest m) {
            return "ClientRequest c" + m.clientId() + "#" + m.sequence() + " " + m.command().describe();
        } else if (message instanceof ClientReply m) {
            return "ClientReply c" + m.clientId() + "#" + m.sequence() + " " + m.status()
                    + (m.result() != null ? " " + m.result().value() : "") + (m.leaderHint() >= 0 ? " leader=" + m.leaderHint() : "");
        }
        return message.toString();
    }

    /**
     * The three answers are replies; the rest are requests. A link may delay or lose replies
     * differently from requests (late replies are how a rejection from an earlier leadership
     * reaches a leader of a later term, §5.1).
     */
    @Override
    public Traffic traffic(Message message) {
        return message instanceof AppendEntriesReply || message instanceof RequestVoteReply || message instanceof ClientReply
                ? Traffic.REPLY : Traffic.REQUEST;
    }

    private static long fold(long hash, long field) {
        return RandomStream.mix64(hash * 0x9E3779B97F4A7C15L + field);
    }
}
