package io.raftsim.microraft;

import io.microraft.model.impl.DefaultRaftModelFactory;
import io.microraft.model.log.LogEntry;
import io.microraft.model.message.AppendEntriesFailureResponse;
import io.microraft.model.message.AppendEntriesRequest;
import io.microraft.model.message.AppendEntriesSuccessResponse;
import io.microraft.model.message.InstallSnapshotRequest;
import io.microraft.model.message.InstallSnapshotResponse;
import io.microraft.model.message.PreVoteRequest;
import io.microraft.model.message.PreVoteResponse;
import io.microraft.model.message.RaftMessage;
import io.microraft.model.message.TriggerLeaderElectionRequest;
import io.microraft.model.message.VoteRequest;
import io.microraft.model.message.VoteResponse;
import io.raftsim.harness.kv.KvWire;
import io.raftsim.harness.spi.ClientProtocol;
import io.raftsim.harness.spi.MessageView;
import io.raftsim.harness.spi.MessageView.EntryView;
import io.raftsim.harness.spi.MessageView.Field;
import io.raftsim.harness.spi.MessageView.Kind;
import io.raftsim.harness.spi.WireCodec;
import io.raftsim.harness.wire.WireReader;
import io.raftsim.harness.wire.WireWriter;
import io.raftsim.microraft.MicroRaftMessage.ClientReply;
import io.raftsim.microraft.MicroRaftMessage.ClientRequest;
import io.raftsim.microraft.MicroRaftMessage.ServerRpc;
import io.raftsim.sim.network.Traffic;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link MicroRaftMessage}s as bytes. Server RPCs are {@link MicroRaftCodec}'s bytes as they
 * are (their first byte, a {@link MessageKind} tag, is 1..10); client traffic starts with
 * its own tag above those and continues in {@link WireWriter}'s format with {@link KvWire}.
 */
public final class MicroRaftWireCodec implements WireCodec<MicroRaftMessage> {
    public static final MicroRaftWireCodec INSTANCE = new MicroRaftWireCodec();

    private static final int CLIENT_REQUEST_TAG = 0x40;
    private static final int CLIENT_REPLY_TAG = 0x41;

    /** Decoding builds MicroRaft's model objects through its default factory; it keeps no state. */
    private final MicroRaftCodec rpcs = new MicroRaftCodec(new DefaultRaftModelFactory());

    private MicroRaftWireCodec() {
    }

    public MicroRaftCodec rpcCodec() {
        return rpcs;
    }

    @Override
    public byte[] encode(MicroRaftMessage message) {
        if (message instanceof ServerRpc rpc) {
            return rpcs.encode(rpc.message());
        } else if (message instanceof ClientRequest request) {
            WireWriter out = new WireWriter().writeByte(CLIENT_REQUEST_TAG).writeInt(request.clientId()).writeLong(request.sequence());
            KvWire.write(out, request.command());
            return out.toBytes();
        }
        ClientReply reply = (ClientReply) message;
        WireWriter out = new WireWriter().writeByte(CLIENT_REPLY_TAG).writeInt(reply.clientId()).writeLong(reply.sequence())
                .writeByte(reply.status().ordinal()).writeInt(reply.leaderHint());
        KvWire.write(out, reply.result());
        return out.toBytes();
    }

    @Override
    public MicroRaftMessage decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("empty message");
        }
        int tag = bytes[0] & 0xFF;
        if (tag == CLIENT_REQUEST_TAG || tag == CLIENT_REPLY_TAG) {
            WireReader in = new WireReader(bytes);
            in.readByte();
            int clientId = in.readInt();
            long sequence = in.readLong();
            MicroRaftMessage message;
            if (tag == CLIENT_REQUEST_TAG) {
                message = new ClientRequest(clientId, sequence, KvWire.readCommand(in));
            } else {
                int status = in.readByte();
                if (status >= ClientProtocol.Status.values().length) {
                    throw new IllegalArgumentException("unknown reply status " + status);
                }
                int leaderHint = in.readInt();
                message = new ClientReply(clientId, sequence, ClientProtocol.Status.values()[status], KvWire.readResult(in), leaderHint);
            }
            in.end();
            return message;
        }
        try {
            return new ServerRpc(rpcs.decode(bytes));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a MicroRaft message: " + e.getMessage(), e);
        }
    }

    @Override
    public Traffic traffic(MicroRaftMessage message) {
        if (message instanceof ServerRpc rpc) {
            return MicroRaftCodec.kindOf(rpc.message()).isReply() ? Traffic.REPLY : Traffic.REQUEST;
        }
        return message instanceof ClientReply ? Traffic.REPLY : Traffic.REQUEST;
    }

    @Override
    public Kind kind(MicroRaftMessage message) {
        if (message instanceof ServerRpc rpc) {
            return switch (MicroRaftCodec.kindOf(rpc.message())) {
                case VOTE_REQUEST -> Kind.VOTE_REQUEST;
                case VOTE_RESPONSE -> Kind.VOTE_REPLY;
                case PRE_VOTE_REQUEST -> Kind.PRE_VOTE_REQUEST;
                case PRE_VOTE_RESPONSE -> Kind.PRE_VOTE_REPLY;
                case APPEND_ENTRIES_REQUEST -> Kind.APPEND_REQUEST;
                case APPEND_ENTRIES_SUCCESS, APPEND_ENTRIES_FAILURE -> Kind.APPEND_REPLY;
                case INSTALL_SNAPSHOT_REQUEST -> Kind.SNAPSHOT_REQUEST;
                case INSTALL_SNAPSHOT_RESPONSE -> Kind.SNAPSHOT_REPLY;
                case TRIGGER_LEADER_ELECTION -> Kind.OTHER;
            };
        }
        return message instanceof ClientRequest ? Kind.CLIENT_REQUEST : Kind.CLIENT_REPLY;
    }

    @Override
    public long term(MicroRaftMessage message) {
        return message instanceof ServerRpc rpc ? rpc.message().getTerm() : 0;
    }

    @Override
    public MessageView view(MicroRaftMessage message) {
        List<Field> fields = new ArrayList<>();
        List<EntryView> entries = new ArrayList<>();
        if (message instanceof ClientRequest request) {
            fields.add(new Field("client", request.clientId()));
            fields.add(new Field("seq", request.sequence()));
            fields.add(new Field("command", request.command().describe()));
            return new MessageView("ClientRequest", Kind.CLIENT_REQUEST, 0, fields, entries);
        }
        if (message instanceof ClientReply reply) {
            fields.add(new Field("client", reply.clientId()));
            fields.add(new Field("seq", reply.sequence()));
            fields.add(new Field("status", reply.status().name()));
            fields.add(new Field("result", reply.result() == null ? null : reply.result().toString()));
            fields.add(new Field("leaderHint", reply.leaderHint()));
            return new MessageView("ClientReply", Kind.CLIENT_REPLY, 0, fields, entries);
        }
        RaftMessage rpc = ((ServerRpc) message).message();
        fields.add(new Field("from", ((SimEndpoint) rpc.getSender()).id()));
        if (rpc instanceof VoteRequest m) {
            fields.add(new Field("lastLogTerm", m.getLastLogTerm()));
            fields.add(new Field("lastLogIndex", m.getLastLogIndex()));
            fields.add(new Field("sticky", m.isSticky()));
        } else if (rpc instanceof VoteResponse m) {
            fields.add(new Field("granted", m.isGranted()));
        } else if (rpc instanceof PreVoteRequest m) {
            fields.add(new Field("lastLogTerm", m.getLastLogTerm()));
            fields.add(new Field("lastLogIndex", m.getLastLogIndex()));
        } else if (rpc instanceof PreVoteResponse m) {
            fields.add(new Field("granted", m.isGranted()));
        } else if (rpc instanceof AppendEntriesRequest m) {
            fields.add(new Field("prevLogTerm", m.getPreviousLogTerm()));
            fields.add(new Field("prevLogIndex", m.getPreviousLogIndex()));
            fields.add(new Field("commitIndex", m.getCommitIndex()));
            fields.add(new Field("entries", m.getLogEntries().size()));
            fields.add(new Field("querySeq", m.getQuerySequenceNumber()));
            fields.add(new Field("flowSeq", m.getFlowControlSequenceNumber()));
            for (LogEntry entry : m.getLogEntries()) {
                entries.add(new EntryView(entry.getIndex(), entry.getTerm(), describe(entry.getOperation())));
            }
        } else if (rpc instanceof AppendEntriesSuccessResponse m) {
            fields.add(new Field("success", true));
            fields.add(new Field("lastLogIndex", m.getLastLogIndex()));
            fields.add(new Field("querySeq", m.getQuerySequenceNumber()));
            fields.add(new Field("flowSeq", m.getFlowControlSequenceNumber()));
        } else if (rpc instanceof AppendEntriesFailureResponse m) {
            fields.add(new Field("success", false));
            fields.add(new Field("expectedNextIndex", m.getExpectedNextIndex()));
            fields.add(new Field("querySeq", m.getQuerySequenceNumber()));
            fields.add(new Field("flowSeq", m.getFlowControlSequenceNumber()));
        } else if (rpc instanceof InstallSnapshotRequest m) {
            fields.add(new Field("senderLeader", m.isSenderLeader()));
            fields.add(new Field("snapshotTerm", m.getSnapshotTerm()));
            fields.add(new Field("snapshotIndex", m.getSnapshotIndex()));
            fields.add(new Field("chunkCount", m.getTotalSnapshotChunkCount()));
            fields.add(new Field("chunk", m.getSnapshotChunk() == null ? null : m.getSnapshotChunk().getSnapshotChunkIndex()));
            fields.add(new Field("querySeq", m.getQuerySequenceNumber()));
            fields.add(new Field("flowSeq", m.getFlowControlSequenceNumber()));
        } else if (rpc instanceof InstallSnapshotResponse m) {
            fields.add(new Field("snapshotIndex", m.getSnapshotIndex()));
            fields.add(new Field("requestedChunk", m.getRequestedSnapshotChunkIndex()));
            fields.add(new Field("querySeq", m.getQuerySequenceNumber()));
            fields.add(new Field("flowSeq", m.getFlowControlSequenceNumber()));
        } else if (rpc instanceof TriggerLeaderElectionRequest m) {
            fields.add(new Field("lastLogTerm", m.getLastLogTerm()));
            fields.add(new Field("lastLogIndex", m.getLastLogIndex()));
        }
        String type = MicroRaftCodec.kindOf(rpc).displayName();
        return new MessageView(type, kind(message), rpc.getTerm(), fields, entries);
    }

    /** An entry's operation as a trace shows it. */
    static String describe(Object operation) {
        if (operation instanceof KvOperation op) {
            return op.isNewTerm() ? "new-term" : op.command().describe() + "#" + op.clientId() + "." + op.sequence();
        }
        return operation == null ? "null" : operation.getClass().getSimpleName();
    }
}
