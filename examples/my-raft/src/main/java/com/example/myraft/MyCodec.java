package com.example.myraft;

import com.example.myraft.Message.AppendEntries;
import com.example.myraft.Message.AppendEntriesReply;
import com.example.myraft.Message.ClientReply;
import com.example.myraft.Message.ClientRequest;
import com.example.myraft.Message.RequestVote;
import com.example.myraft.Message.RequestVoteReply;
import io.raftsim.harness.kv.KvWire;
import io.raftsim.harness.spi.MessageView;
import io.raftsim.harness.spi.MessageView.Field;
import io.raftsim.harness.spi.MessageView.Kind;
import io.raftsim.harness.spi.WireCodec;
import io.raftsim.harness.wire.WireReader;
import io.raftsim.harness.wire.WireWriter;
import io.raftsim.sim.network.Traffic;

import java.util.ArrayList;
import java.util.List;

/**
 * my-raft's messages as bytes: a tag byte, then the record's fields in declaration order,
 * written with raftsim's {@link WireWriter} and read back with {@link WireReader}, which
 * refuses malformed input. Every delivery decodes afresh, so servers never share an object.
 */
final class MyCodec implements WireCodec<Message> {
    private static final int REQUEST_VOTE = 1;
    private static final int REQUEST_VOTE_REPLY = 2;
    private static final int APPEND_ENTRIES = 3;
    private static final int APPEND_ENTRIES_REPLY = 4;
    private static final int CLIENT_REQUEST = 5;
    private static final int CLIENT_REPLY = 6;

    @Override
    public byte[] encode(Message message) {
        WireWriter out = new WireWriter();
        if (message instanceof RequestVote m) {
            out.writeByte(REQUEST_VOTE).writeLong(m.term()).writeInt(m.candidateId()).writeLong(m.lastLogIndex()).writeLong(m.lastLogTerm());
        } else if (message instanceof RequestVoteReply m) {
            out.writeByte(REQUEST_VOTE_REPLY).writeLong(m.term()).writeBoolean(m.voteGranted());
        } else if (message instanceof AppendEntries m) {
            out.writeByte(APPEND_ENTRIES).writeLong(m.term()).writeInt(m.leaderId()).writeLong(m.prevLogIndex()).writeLong(m.prevLogTerm())
                    .writeLong(m.leaderCommit()).writeInt(m.entries().size());
            for (Entry entry : m.entries()) {
                writeEntry(out, entry);
            }
        } else if (message instanceof AppendEntriesReply m) {
            out.writeByte(APPEND_ENTRIES_REPLY).writeLong(m.term()).writeBoolean(m.success()).writeLong(m.prevLogIndex()).writeLong(m.matchIndex());
        } else if (message instanceof ClientRequest m) {
            out.writeByte(CLIENT_REQUEST).writeInt(m.clientId()).writeLong(m.sequence());
            KvWire.write(out, m.command());
        } else if (message instanceof ClientReply m) {
            out.writeByte(CLIENT_REPLY).writeInt(m.clientId()).writeLong(m.sequence()).writeBoolean(m.ok()).writeInt(m.leaderHint());
            KvWire.write(out, m.result());
        }
        return out.toBytes();
    }

    private static void writeEntry(WireWriter out, Entry entry) {
        out.writeLong(entry.term()).writeBoolean(entry.isNoOp());
        if (!entry.isNoOp()) {
            out.writeInt(entry.clientId()).writeLong(entry.sequence());
            KvWire.write(out, entry.command());
        }
    }

    private static Entry readEntry(WireReader in) {
        long term = in.readLong();
        return in.readBoolean() ? Entry.noOp(term) : new Entry(term, in.readInt(), in.readLong(), KvWire.readCommand(in));
    }

    @Override
    public Message decode(byte[] bytes) {
        WireReader in = new WireReader(bytes);
        int tag = in.readByte();
        Message message = switch (tag) {
            case REQUEST_VOTE -> new RequestVote(in.readLong(), in.readInt(), in.readLong(), in.readLong());
            case REQUEST_VOTE_REPLY -> new RequestVoteReply(in.readLong(), in.readBoolean());
            case APPEND_ENTRIES -> {
                long term = in.readLong();
                int leaderId = in.readInt();
                long prevLogIndex = in.readLong();
                long prevLogTerm = in.readLong();
                long leaderCommit = in.readLong();
                int count = in.readInt();
                if (count < 0 || count > bytes.length) {
                    throw new IllegalArgumentException("bad entry count " + count); // each entry takes at least one byte
                }
                List<Entry> entries = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    entries.add(readEntry(in));
                }
                yield new AppendEntries(term, leaderId, prevLogIndex, prevLogTerm, entries, leaderCommit);
            }
            case APPEND_ENTRIES_REPLY -> new AppendEntriesReply(in.readLong(), in.readBoolean(), in.readLong(), in.readLong());
            case CLIENT_REQUEST -> new ClientRequest(in.readInt(), in.readLong(), KvWire.readCommand(in));
            case CLIENT_REPLY -> {
                int clientId = in.readInt();
                long sequence = in.readLong();
                boolean ok = in.readBoolean();
                int leaderHint = in.readInt();
                yield new ClientReply(clientId, sequence, ok, KvWire.readResult(in), leaderHint);
            }
            default -> throw new IllegalArgumentException("unknown message tag " + tag);
        };
        in.end();
        return message;
    }

    @Override
    public Traffic traffic(Message message) {
        boolean reply = message instanceof RequestVoteReply || message instanceof AppendEntriesReply || message instanceof ClientReply;
        return reply ? Traffic.REPLY : Traffic.REQUEST;
    }

    @Override
    public Kind kind(Message message) {
        if (message instanceof RequestVote) {
            return Kind.VOTE_REQUEST;
        } else if (message instanceof RequestVoteReply) {
            return Kind.VOTE_REPLY;
        } else if (message instanceof AppendEntries) {
            return Kind.APPEND_REQUEST;
        } else if (message instanceof AppendEntriesReply) {
            return Kind.APPEND_REPLY;
        } else if (message instanceof ClientRequest) {
            return Kind.CLIENT_REQUEST;
        }
        return Kind.CLIENT_REPLY;
    }

    @Override
    public long term(Message message) {
        if (message instanceof RequestVote m) {
            return m.term();
        } else if (message instanceof RequestVoteReply m) {
            return m.term();
        } else if (message instanceof AppendEntries m) {
            return m.term();
        } else if (message instanceof AppendEntriesReply m) {
            return m.term();
        }
        return 0; // client traffic has no term
    }

    /**
     * What traces and the HTML timeline show of a message. The timeline labels messages whose
     * type and field names are raftsim's own (RequestVote, voteGranted, AppendEntries, prevLogIndex,
     * ClientReply, status, leaderHint, ...), so the view uses those names where they fit.
     */
    @Override
    public MessageView view(Message message) {
        List<Field> fields = new ArrayList<>();
        List<MessageView.EntryView> entries = new ArrayList<>();
        if (message instanceof RequestVote m) {
            fields.add(new Field("candidateId", m.candidateId()));
            fields.add(new Field("lastLogIndex", m.lastLogIndex()));
            fields.add(new Field("lastLogTerm", m.lastLogTerm()));
        } else if (message instanceof RequestVoteReply m) {
            fields.add(new Field("voteGranted", m.voteGranted()));
        } else if (message instanceof AppendEntries m) {
            fields.add(new Field("prevLogIndex", m.prevLogIndex()));
            fields.add(new Field("prevLogTerm", m.prevLogTerm()));
            fields.add(new Field("leaderCommit", m.leaderCommit()));
            long index = m.prevLogIndex();
            for (Entry entry : m.entries()) {
                entries.add(new MessageView.EntryView(++index, entry.term(), entry.describe()));
            }
        } else if (message instanceof AppendEntriesReply m) {
            fields.add(new Field("success", m.success()));
            fields.add(new Field("prevLogIndex", m.prevLogIndex()));
            fields.add(new Field("matchIndex", m.matchIndex()));
        } else if (message instanceof ClientRequest m) {
            fields.add(new Field("clientId", m.clientId()));
            fields.add(new Field("sequence", m.sequence()));
            fields.add(new Field("command", m.command().describe()));
        } else if (message instanceof ClientReply m) {
            fields.add(new Field("clientId", m.clientId()));
            fields.add(new Field("sequence", m.sequence()));
            fields.add(new Field("status", m.ok() ? "OK" : "NOT_LEADER"));
            fields.add(new Field("result", m.result() == null ? null : m.result().toString()));
            fields.add(new Field("leaderHint", m.leaderHint()));
        }
        return new MessageView(message.getClass().getSimpleName(), kind(message), term(message), fields, entries);
    }
}
