package io.raftsim.raft.message;

import io.raftsim.harness.kv.KvFingerprint;
import io.raftsim.harness.kv.KvWire;
import io.raftsim.harness.spi.MessageView;
import io.raftsim.harness.spi.WireCodec;
import io.raftsim.harness.wire.WireReader;
import io.raftsim.harness.wire.WireWriter;
import io.raftsim.raft.log.Command;
import io.raftsim.raft.log.Configuration;
import io.raftsim.raft.log.LogEntry;
import io.raftsim.raft.snapshot.SessionRecord;
import io.raftsim.raft.snapshot.Snapshot;
import io.raftsim.raft.snapshot.SnapshotState;
import io.raftsim.sim.network.Traffic;
import io.raftsim.sim.random.RandomStream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The model's messages on the wire: bytes in a fixed layout (a kind byte, then the fields in
 * declaration order), fingerprints by fixed formulas over the fields (the run digests of
 * every scenario were fixed before messages became bytes, and stay equal), and views for traces.
 */
public final class MessageCodecs implements WireCodec<Message> {
    public static final MessageCodecs INSTANCE = new MessageCodecs();

    private MessageCodecs() {
    }

    private static final int APPEND_ENTRIES = 1;
    private static final int APPEND_ENTRIES_REPLY = 2;
    private static final int REQUEST_VOTE = 3;
    private static final int REQUEST_VOTE_REPLY = 4;
    private static final int CLIENT_REQUEST = 5;
    private static final int CLIENT_REPLY = 6;
    /** A configuration names at most every server slot a cluster can have. */
    private static final int MAX_CONFIGURATION_SERVERS = 99;
    private static final int INSTALL_SNAPSHOT = 7;
    private static final int INSTALL_SNAPSHOT_REPLY = 8;
    private static final int CONFIRM_LEADERSHIP = 9;
    private static final int CONFIRM_LEADERSHIP_REPLY = 10;
    private static final int TIMEOUT_NOW = 11;
    /** A RequestVote of a leadership transfer: its own kind, so every other vote keeps its bytes. */
    private static final int REQUEST_VOTE_TRANSFER = 12;
    /** The statuses by ordinal, once: {@code values()} clones its array at every call, and every client reply is decoded. */
    private static final ClientReply.Status[] STATUSES = ClientReply.Status.values();

    @Override
    public byte[] encode(Message message) {
        WireWriter out = new WireWriter();
        encode(message, out);
        return out.toBytes();
    }

    @Override
    public void encode(Message message, WireWriter out) {
        if (message instanceof AppendEntries m) {
            out.writeByte(APPEND_ENTRIES).writeLong(m.term()).writeInt(m.leaderId()).writeLong(m.prevLogIndex()).writeLong(m.prevLogTerm())
                    .writeLong(m.leaderCommit()).writeInt(m.entries().size());
            List<LogEntry> entries = m.entries();
            for (int i = 0; i < entries.size(); i++) { // indexed: an iterator per send is garbage on the hottest path
                LogEntry entry = entries.get(i);
                out.writeLong(entry.term()).writeLong(entry.index());
                writeCommand(out, entry.command());
            }
        } else if (message instanceof AppendEntriesReply m) {
            out.writeByte(APPEND_ENTRIES_REPLY).writeLong(m.term()).writeBoolean(m.success()).writeLong(m.matchIndex())
                    .writeLong(m.rejectedPrevLogIndex()).writeLong(m.conflictTerm()).writeLong(m.conflictIndex()).writeLong(m.followerLastIndex());
        } else if (message instanceof RequestVote m) {
            out.writeByte(m.leadershipTransfer() ? REQUEST_VOTE_TRANSFER : REQUEST_VOTE).writeLong(m.term()).writeInt(m.candidateId()).writeLong(m.lastLogIndex()).writeLong(m.lastLogTerm())
                    .writeBoolean(m.preVote());
        } else if (message instanceof RequestVoteReply m) {
            out.writeByte(REQUEST_VOTE_REPLY).writeLong(m.term()).writeBoolean(m.voteGranted()).writeBoolean(m.preVote());
        } else if (message instanceof ClientRequest m) {
            out.writeByte(CLIENT_REQUEST).writeInt(m.clientId()).writeLong(m.sequence());
            KvWire.write(out, m.command());
        } else if (message instanceof ClientReply m) {
            out.writeByte(CLIENT_REPLY).writeInt(m.clientId()).writeLong(m.sequence()).writeByte(m.status().ordinal()).writeInt(m.leaderHint());
            KvWire.write(out, m.result());
        } else if (message instanceof InstallSnapshot m) {
            out.writeByte(INSTALL_SNAPSHOT).writeLong(m.term()).writeInt(m.leaderId());
            writeSnapshot(out, m.snapshot());
        } else if (message instanceof InstallSnapshotReply m) {
            out.writeByte(INSTALL_SNAPSHOT_REPLY).writeLong(m.term()).writeLong(m.lastIncludedIndex());
        } else if (message instanceof ConfirmLeadership m) {
            out.writeByte(CONFIRM_LEADERSHIP).writeLong(m.term()).writeInt(m.leaderId()).writeLong(m.round());
        } else if (message instanceof ConfirmLeadershipReply m) {
            out.writeByte(CONFIRM_LEADERSHIP_REPLY).writeLong(m.term()).writeLong(m.round());
        } else if (message instanceof TimeoutNow m) {
            out.writeByte(TIMEOUT_NOW).writeLong(m.term()).writeInt(m.leaderId());
        } else {
            throw new IllegalArgumentException("unknown message " + message);
        }
    }

    /** A snapshot on the wire: index, term, the pairs in key order, then the sessions in client order. */
    private static void writeSnapshot(WireWriter out, Snapshot snapshot) {
        out.writeLong(snapshot.lastIncludedIndex()).writeLong(snapshot.lastIncludedTerm());
        SnapshotState state = snapshot.state();
        out.writeInt(state.values().size());
        for (Map.Entry<String, String> pair : state.values().entrySet()) {
            out.writeString(pair.getKey()).writeString(pair.getValue());
        }
        out.writeInt(state.sessions().size());
        for (SessionRecord session : state.sessions()) {
            out.writeInt(session.clientId()).writeLong(session.lastSequence());
            KvWire.write(out, session.lastResult());
        }
        // The configuration as of the last included entry (§7), or none when it is the initial one:
        // a byte 0 (none), 1 (one voter set) or 2 (joint, §4.3: the outgoing voters follow).
        Configuration configuration = snapshot.configuration();
        out.writeByte(configuration == null ? 0 : configuration.isJoint() ? 2 : 1);
        if (configuration != null) {
            writeConfiguration(out, configuration);
        }
    }

    /** Voters and learners, then, only for a joint configuration, the outgoing voters: the caller wrote which it is. */
    private static void writeConfiguration(WireWriter out, Configuration configuration) {
        writeIds(out, configuration.voters());
        writeIds(out, configuration.learners());
        if (configuration.isJoint()) {
            writeIds(out, configuration.outgoingVoters());
        }
    }

    private static Configuration readConfiguration(WireReader in, boolean joint) {
        List<Integer> voters = readIds(in);
        List<Integer> learners = readIds(in);
        return new Configuration(voters, learners, joint ? readIds(in) : List.of());
    }

    private static Snapshot readSnapshot(WireReader in, int messageBytes) {
        long index = in.readLong();
        long term = in.readLong();
        int pairs = boundedCount(in.readInt(), messageBytes, "snapshot key");
        TreeMap<String, String> values = new TreeMap<>();
        for (int i = 0; i < pairs; i++) {
            String key = in.readString();
            String value = in.readString();
            if (key == null || value == null || values.put(key, value) != null) {
                throw new IllegalArgumentException("bad snapshot pair " + key + "=" + value);
            }
        }
        int sessionCount = boundedCount(in.readInt(), messageBytes, "snapshot session");
        List<SessionRecord> sessions = new ArrayList<>(sessionCount);
        for (int i = 0; i < sessionCount; i++) {
            sessions.add(new SessionRecord(in.readInt(), in.readLong(), KvWire.readResult(in)));
        }
        int configurationKind = in.readByte();
        if (configurationKind > 2) {
            throw new IllegalArgumentException("bad snapshot configuration kind " + configurationKind);
        }
        Configuration configuration = configurationKind == 0 ? null : readConfiguration(in, configurationKind == 2);
        return new Snapshot(index, term, new SnapshotState(values, sessions), configuration);
    }

    private static int boundedCount(int count, int messageBytes, String what) {
        if (count < 0 || count > messageBytes) {
            throw new IllegalArgumentException("bad " + what + " count " + count);
        }
        return count;
    }

    private static void writeCommand(WireWriter out, Command command) {
        if (command instanceof Command.ClientCommand c) {
            // The fingerprint travels with the command, as the object did before messages were
            // bytes: recomputing it from the strings at every delivery would double its cost.
            out.writeByte(1).writeInt(c.clientId()).writeLong(c.sequence()).writeFixedLong(c.fingerprint());
            c.writeCommand(out); // the bytes it holds: no string encoded again
        } else if (command instanceof Command.ConfigChange c) {
            out.writeByte(c.configuration().isJoint() ? 3 : 2);
            writeConfiguration(out, c.configuration());
        } else {
            out.writeByte(0);
        }
    }

    private static void writeIds(WireWriter out, List<Integer> ids) {
        out.writeInt(ids.size());
        for (int id : ids) {
            out.writeInt(id);
        }
    }

    private static List<Integer> readIds(WireReader in) {
        int count = in.readInt();
        if (count < 0 || count > MAX_CONFIGURATION_SERVERS) {
            throw new IllegalArgumentException("bad configuration size " + count);
        }
        List<Integer> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(in.readInt());
        }
        return ids;
    }

    private static Command readCommand(WireReader in) {
        int kind = in.readByte();
        return switch (kind) {
            case 0 -> Command.Noop.INSTANCE;
            case 1 -> {
                int clientId = in.readInt();
                long sequence = in.readLong();
                long fingerprint = in.readFixedLong();
                yield Command.ClientCommand.read(clientId, sequence, fingerprint, in); // bytes, decoded when applied
            }
            case 2 -> new Command.ConfigChange(readConfiguration(in, false));
            case 3 -> new Command.ConfigChange(readConfiguration(in, true));
            default -> throw new IllegalArgumentException("unknown log command kind " + kind);
        };
    }

    /** The entries as an immutable list, which the message keeps as it is (List.copyOf of one copies nothing). */
    private static List<LogEntry> readEntries(WireReader in, int count) {
        if (count == 0) {
            return List.of();
        }
        if (count == 1) { // one new entry per request is the common case: no array at all
            return List.of(readEntry(in));
        }
        LogEntry[] entries = new LogEntry[count];
        for (int i = 0; i < count; i++) {
            entries[i] = readEntry(in);
        }
        return List.of(entries);
    }

    private static LogEntry readEntry(WireReader in) {
        long term = in.readLong();
        long index = in.readLong();
        return new LogEntry(term, index, readCommand(in));
    }

    @Override
    public Message decode(byte[] bytes) {
        WireReader in = new WireReader(bytes);
        int kind = in.readByte();
        Message message = switch (kind) {
            case APPEND_ENTRIES -> {
                long term = in.readLong();
                int leaderId = in.readInt();
                long prevLogIndex = in.readLong();
                long prevLogTerm = in.readLong();
                long leaderCommit = in.readLong();
                int count = in.readInt();
                if (count < 0 || count > bytes.length) {
                    throw new IllegalArgumentException("bad entry count " + count);
                }
                yield new AppendEntries(term, leaderId, prevLogIndex, prevLogTerm, readEntries(in, count), leaderCommit);
            }
            case APPEND_ENTRIES_REPLY -> new AppendEntriesReply(in.readLong(), in.readBoolean(), in.readLong(), in.readLong(), in.readLong(),
                    in.readLong(), in.readLong());
            case REQUEST_VOTE -> new RequestVote(in.readLong(), in.readInt(), in.readLong(), in.readLong(), in.readBoolean());
            case REQUEST_VOTE_REPLY -> new RequestVoteReply(in.readLong(), in.readBoolean(), in.readBoolean());
            case CLIENT_REQUEST -> new ClientRequest(in.readInt(), in.readLong(), KvWire.readCommand(in));
            case CLIENT_REPLY -> {
                int clientId = in.readInt();
                long sequence = in.readLong();
                int status = in.readByte();
                if (status >= STATUSES.length) {
                    throw new IllegalArgumentException("bad client reply status " + status);
                }
                int leaderHint = in.readInt();
                yield new ClientReply(clientId, sequence, STATUSES[status], KvWire.readResult(in), leaderHint);
            }
            case INSTALL_SNAPSHOT -> {
                long term = in.readLong();
                int leaderId = in.readInt();
                yield new InstallSnapshot(term, leaderId, readSnapshot(in, bytes.length));
            }
            case INSTALL_SNAPSHOT_REPLY -> new InstallSnapshotReply(in.readLong(), in.readLong());
            case CONFIRM_LEADERSHIP -> new ConfirmLeadership(in.readLong(), in.readInt(), in.readLong());
            case CONFIRM_LEADERSHIP_REPLY -> new ConfirmLeadershipReply(in.readLong(), in.readLong());
            case TIMEOUT_NOW -> new TimeoutNow(in.readLong(), in.readInt());
            case REQUEST_VOTE_TRANSFER -> new RequestVote(in.readLong(), in.readInt(), in.readLong(), in.readLong(), in.readBoolean(), true);
            default -> throw new IllegalArgumentException("unknown message kind " + kind);
        };
        in.end();
        return message;
    }

    /** Messages are records of immutable fields and lists: equal ones encode alike. */
    @Override
    public boolean messagesAreValues() {
        return true;
    }

    @Override
    public long fingerprint(Message message, byte[] encoded) {
        return fingerprint(message);
    }

    public long fingerprint(Message message) {
        if (message instanceof AppendEntries m) {
            long h = fold(fold(fold(fold(3, m.term()), m.leaderId()), m.prevLogIndex()), m.prevLogTerm());
            List<LogEntry> entries = m.entries();
            for (int i = 0; i < entries.size(); i++) {
                LogEntry entry = entries.get(i);
                h = fold(fold(h, entry.term()), entry.command().fingerprint());
            }
            return fold(h, m.leaderCommit());
        } else if (message instanceof AppendEntriesReply m) {
            return fold(fold(fold(fold(fold(fold(fold(4, m.term()), m.success() ? 1 : 0), m.matchIndex()), m.rejectedPrevLogIndex()),
                    m.conflictTerm()), m.conflictIndex()), m.followerLastIndex());
        } else if (message instanceof RequestVote m) {
            long h = fold(fold(fold(fold(fold(1, m.term()), m.candidateId()), m.lastLogIndex()), m.lastLogTerm()), m.preVote() ? 1 : 0);
            return m.leadershipTransfer() ? fold(h, 1) : h; // every other vote keeps the formula the digests were made with
        } else if (message instanceof RequestVoteReply m) {
            return fold(fold(fold(2, m.term()), m.voteGranted() ? 1 : 0), m.preVote() ? 1 : 0);
        } else if (message instanceof ClientRequest m) {
            return fold(fold(fold(5, m.clientId()), m.sequence()), KvFingerprint.of(m.command()));
        } else if (message instanceof ClientReply m) {
            long result = m.result() == null ? 0 : fold(KvFingerprint.text(m.result().value()), m.result().success() ? 1 : 0);
            return fold(fold(fold(fold(fold(6, m.clientId()), m.sequence()), m.status().ordinal()), result), m.leaderHint());
        } else if (message instanceof InstallSnapshot m) {
            long h = fold(fold(fold(fold(7, m.term()), m.leaderId()), m.lastIncludedIndex()), m.lastIncludedTerm());
            for (Map.Entry<String, String> pair : m.snapshot().state().values().entrySet()) {
                h = fold(fold(h, KvFingerprint.text(pair.getKey())), KvFingerprint.text(pair.getValue()));
            }
            for (SessionRecord session : m.snapshot().state().sessions()) {
                long result = session.lastResult() == null ? 0 : fold(KvFingerprint.text(session.lastResult().value()), session.lastResult().success() ? 1 : 0);
                h = fold(fold(fold(h, session.clientId()), session.lastSequence()), result);
            }
            return h;
        } else if (message instanceof InstallSnapshotReply m) {
            return fold(fold(8, m.term()), m.lastIncludedIndex());
        } else if (message instanceof ConfirmLeadership m) {
            return fold(fold(fold(9, m.term()), m.leaderId()), m.round());
        } else if (message instanceof ConfirmLeadershipReply m) {
            return fold(fold(10, m.term()), m.round());
        } else if (message instanceof TimeoutNow m) {
            return fold(fold(11, m.term()), m.leaderId());
        }
        throw new IllegalArgumentException("unknown message " + message);
    }

    /** The one-line summary of a message, as traces showed it before messages were bytes. */
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
            return (m.preVote() ? "PreVote" : "RequestVote") + " t" + m.term() + " last=" + m.lastLogIndex() + ":" + m.lastLogTerm()
                    + (m.leadershipTransfer() ? " transfer" : "");
        } else if (message instanceof RequestVoteReply m) {
            return (m.preVote() ? "PreVoteReply" : "RequestVoteReply") + " t" + m.term() + (m.voteGranted() ? " granted" : " refused");
        } else if (message instanceof ClientRequest m) {
            return "ClientRequest c" + m.clientId() + "#" + m.sequence() + " " + m.command().describe();
        } else if (message instanceof ClientReply m) {
            return "ClientReply c" + m.clientId() + "#" + m.sequence() + " " + m.status()
                    + (m.result() != null ? " " + m.result().value() : "") + (m.leaderHint() >= 0 ? " leader=" + m.leaderHint() : "");
        } else if (message instanceof InstallSnapshot m) {
            return "InstallSnapshot t" + m.term() + " last=" + m.lastIncludedIndex() + ":" + m.lastIncludedTerm()
                    + " keys=" + m.snapshot().state().values().size() + " sessions=" + m.snapshot().state().sessions().size();
        } else if (message instanceof InstallSnapshotReply m) {
            return "InstallSnapshotReply t" + m.term() + " last=" + m.lastIncludedIndex();
        } else if (message instanceof ConfirmLeadership m) {
            return "ConfirmLeadership t" + m.term() + " round=" + m.round();
        } else if (message instanceof ConfirmLeadershipReply m) {
            return "ConfirmLeadershipReply t" + m.term() + " round=" + m.round();
        } else if (message instanceof TimeoutNow m) {
            return "TimeoutNow t" + m.term();
        }
        return message.toString();
    }

    @Override
    public MessageView view(Message message) {
        List<MessageView.Field> fields = new ArrayList<>(8);
        List<MessageView.EntryView> entries = List.of();
        String type;
        if (message instanceof AppendEntries m) {
            type = "AppendEntries";
            field(fields, "term", m.term());
            field(fields, "leaderId", m.leaderId());
            field(fields, "prevLogIndex", m.prevLogIndex());
            field(fields, "prevLogTerm", m.prevLogTerm());
            field(fields, "leaderCommit", m.leaderCommit());
            entries = new ArrayList<>(m.entries().size());
            for (LogEntry entry : m.entries()) {
                entries.add(new MessageView.EntryView(entry.index(), entry.term(), entry.command().describe()));
            }
        } else if (message instanceof AppendEntriesReply m) {
            type = "AppendEntriesReply";
            field(fields, "term", m.term());
            field(fields, "success", m.success());
            field(fields, "matchIndex", m.matchIndex());
            field(fields, "rejectedPrevLogIndex", m.rejectedPrevLogIndex());
            field(fields, "conflictTerm", m.conflictTerm());
            field(fields, "conflictIndex", m.conflictIndex());
            field(fields, "followerLastIndex", m.followerLastIndex());
        } else if (message instanceof RequestVote m) {
            type = "RequestVote";
            field(fields, "term", m.term());
            field(fields, "candidateId", m.candidateId());
            field(fields, "lastLogIndex", m.lastLogIndex());
            field(fields, "lastLogTerm", m.lastLogTerm());
            field(fields, "preVote", m.preVote());
            if (m.leadershipTransfer()) {
                field(fields, "leadershipTransfer", true);
            }
        } else if (message instanceof RequestVoteReply m) {
            type = "RequestVoteReply";
            field(fields, "term", m.term());
            field(fields, "voteGranted", m.voteGranted());
            field(fields, "preVote", m.preVote());
        } else if (message instanceof ClientRequest m) {
            type = "ClientRequest";
            field(fields, "clientId", m.clientId());
            field(fields, "sequence", m.sequence());
            field(fields, "command", m.command().describe());
        } else if (message instanceof ClientReply m) {
            type = "ClientReply";
            field(fields, "clientId", m.clientId());
            field(fields, "sequence", m.sequence());
            field(fields, "status", m.status().name());
            field(fields, "result", m.result() == null ? null : m.result().toString());
            field(fields, "leaderHint", m.leaderHint());
        } else if (message instanceof InstallSnapshot m) {
            type = "InstallSnapshot";
            field(fields, "term", m.term());
            field(fields, "leaderId", m.leaderId());
            field(fields, "lastIncludedIndex", m.lastIncludedIndex());
            field(fields, "lastIncludedTerm", m.lastIncludedTerm());
            field(fields, "keys", m.snapshot().state().values().size());
            field(fields, "sessions", m.snapshot().state().sessions().size());
        } else if (message instanceof InstallSnapshotReply m) {
            type = "InstallSnapshotReply";
            field(fields, "term", m.term());
            field(fields, "lastIncludedIndex", m.lastIncludedIndex());
        } else if (message instanceof ConfirmLeadership m) {
            type = "ConfirmLeadership";
            field(fields, "term", m.term());
            field(fields, "leaderId", m.leaderId());
            field(fields, "round", m.round());
        } else if (message instanceof ConfirmLeadershipReply m) {
            type = "ConfirmLeadershipReply";
            field(fields, "term", m.term());
            field(fields, "round", m.round());
        } else if (message instanceof TimeoutNow m) {
            type = "TimeoutNow";
            field(fields, "term", m.term());
            field(fields, "leaderId", m.leaderId());
        } else {
            throw new IllegalArgumentException("unknown message " + message);
        }
        return new MessageView(type, kind(message), term(message), fields, entries);
    }

    private static void field(List<MessageView.Field> fields, String name, Object value) {
        fields.add(new MessageView.Field(name, value));
    }

    @Override
    public MessageView.Kind kind(Message message) {
        if (message instanceof AppendEntries) {
            return MessageView.Kind.APPEND_REQUEST;
        } else if (message instanceof AppendEntriesReply) {
            return MessageView.Kind.APPEND_REPLY;
        } else if (message instanceof RequestVote m) {
            return m.preVote() ? MessageView.Kind.PRE_VOTE_REQUEST : MessageView.Kind.VOTE_REQUEST;
        } else if (message instanceof RequestVoteReply m) {
            return m.preVote() ? MessageView.Kind.PRE_VOTE_REPLY : MessageView.Kind.VOTE_REPLY;
        } else if (message instanceof ClientRequest) {
            return MessageView.Kind.CLIENT_REQUEST;
        } else if (message instanceof InstallSnapshot) {
            return MessageView.Kind.SNAPSHOT_REQUEST;
        } else if (message instanceof InstallSnapshotReply) {
            return MessageView.Kind.SNAPSHOT_REPLY;
        } else if (message instanceof ClientReply) {
            return MessageView.Kind.CLIENT_REPLY;
        }
        // Rounds for reads (§6.4) are neither appends nor votes: the checks that model Figure 2's RPCs leave them alone.
        return MessageView.Kind.OTHER;
    }

    @Override
    public long term(Message message) {
        return message instanceof RaftMessage rpc ? rpc.term() : 0;
    }

    /**
     * The answers (to AppendEntries, RequestVote, InstallSnapshot, a client, a read round) are replies; the rest are requests. A link may delay or lose replies
     * differently from requests (late replies are how a rejection from an earlier leadership
     * reaches a leader of a later term, §5.1).
     */
    @Override
    public Traffic traffic(Message message) {
        return message instanceof AppendEntriesReply || message instanceof RequestVoteReply || message instanceof ClientReply
                || message instanceof InstallSnapshotReply || message instanceof ConfirmLeadershipReply ? Traffic.REPLY : Traffic.REQUEST;
    }

    private static long fold(long hash, long field) {
        return RandomStream.mix64(hash * 0x9E3779B97F4A7C15L + field);
    }
}
