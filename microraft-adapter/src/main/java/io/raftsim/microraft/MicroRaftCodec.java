package io.raftsim.microraft;

import io.microraft.MembershipChangeMode;
import io.microraft.RaftEndpoint;
import io.microraft.impl.statemachine.NoOp;
import io.microraft.model.RaftModelFactory;
import io.microraft.model.groupop.UpdateRaftGroupMembersOp;
import io.microraft.model.log.LogEntry;
import io.microraft.model.log.RaftGroupMembersView;
import io.microraft.model.log.SnapshotChunk;
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
import io.microraft.model.persistence.RaftEndpointPersistentState;
import io.microraft.model.persistence.RaftTermPersistentState;
import io.raftsim.harness.kv.Append;
import io.raftsim.harness.kv.Cas;
import io.raftsim.harness.kv.Get;
import io.raftsim.harness.kv.KvCommand;
import io.raftsim.harness.kv.KvResult;
import io.raftsim.harness.kv.Put;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A compact binary form of everything MicroRaft 0.7 sends or persists: the eleven message
 * types, log entries, snapshot chunks, member lists and the persisted term and endpoint.
 * Decoding builds fresh objects through MicroRaft's {@link RaftModelFactory}, so a receiver
 * or a restarted node never shares an object with the sender or its previous incarnation.
 *
 * <p>Operations inside entries are tagged: our {@link KvOperation}s and {@link KvSnapshotChunk}s,
 * MicroRaft's membership operation {@link UpdateRaftGroupMembersOp}, and its internal
 * {@link NoOp} (used by {@code waitFor} queries, encoded in case one ever travels).
 * Endpoints travel as their int ids. Collections keep their iteration order. Group ids
 * must be strings. Anything else is a programming error and fails loudly.
 */
public final class MicroRaftCodec {
    // Operation tags.
    private static final byte OP_NULL = 0;
    private static final byte OP_KV_COMMAND = 1;
    private static final byte OP_KV_SNAPSHOT_CHUNK = 2;
    private static final byte OP_UPDATE_MEMBERS = 3;
    private static final byte OP_MICRORAFT_NO_OP = 4;

    private static final int NO_ENDPOINT = -1;

    private final RaftModelFactory factory;

    public MicroRaftCodec(RaftModelFactory factory) {
        this.factory = factory;
    }

    @FunctionalInterface
    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] bytes(Writer writer) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private static <T> T parse(byte[] bytes, Reader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            T value = reader.read(in);
            if (in.available() != 0) {
                throw new IllegalArgumentException(in.available() + " trailing bytes after " + value);
            }
            return value;
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed MicroRaft bytes", e);
        }
    }

    // ---- messages ----

    public byte[] encode(RaftMessage message) {
        return bytes(out -> writeMessage(out, message));
    }

    public RaftMessage decode(byte[] bytes) {
        return parse(bytes, this::readMessage);
    }

    private void writeMessage(DataOutputStream out, RaftMessage message) throws IOException {
        out.writeByte(kindOf(message).tag());
        writeGroupId(out, message.getGroupId());
        writeEndpoint(out, message.getSender());
        out.writeInt(message.getTerm());
        if (message instanceof VoteRequest m) {
            out.writeInt(m.getLastLogTerm());
            out.writeLong(m.getLastLogIndex());
            out.writeBoolean(m.isSticky());
        } else if (message instanceof VoteResponse m) {
            out.writeBoolean(m.isGranted());
        } else if (message instanceof PreVoteRequest m) {
            out.writeInt(m.getLastLogTerm());
            out.writeLong(m.getLastLogIndex());
        } else if (message instanceof PreVoteResponse m) {
            out.writeBoolean(m.isGranted());
        } else if (message instanceof AppendEntriesRequest m) {
            out.writeInt(m.getPreviousLogTerm());
            out.writeLong(m.getPreviousLogIndex());
            out.writeLong(m.getCommitIndex());
            out.writeInt(m.getLogEntries().size());
            for (LogEntry entry : m.getLogEntries()) {
                writeLogEntry(out, entry);
            }
            out.writeLong(m.getQuerySequenceNumber());
            out.writeLong(m.getFlowControlSequenceNumber());
        } else if (message instanceof AppendEntriesSuccessResponse m) {
            out.writeLong(m.getLastLogIndex());
            out.writeLong(m.getQuerySequenceNumber());
            out.writeLong(m.getFlowControlSequenceNumber());
        } else if (message instanceof AppendEntriesFailureResponse m) {
            out.writeLong(m.getExpectedNextIndex());
            out.writeLong(m.getQuerySequenceNumber());
            out.writeLong(m.getFlowControlSequenceNumber());
        } else if (message instanceof InstallSnapshotRequest m) {
            out.writeBoolean(m.isSenderLeader());
            out.writeInt(m.getSnapshotTerm());
            out.writeLong(m.getSnapshotIndex());
            out.writeInt(m.getTotalSnapshotChunkCount());
            out.writeBoolean(m.getSnapshotChunk() != null);
            if (m.getSnapshotChunk() != null) {
                writeSnapshotChunk(out, m.getSnapshotChunk());
            }
            writeEndpoints(out, m.getSnapshottedMembers());
            out.writeBoolean(m.getGroupMembersView() != null);
            if (m.getGroupMembersView() != null) {
                writeMembersView(out, m.getGroupMembersView());
            }
            out.writeLong(m.getQuerySequenceNumber());
            out.writeLong(m.getFlowControlSequenceNumber());
        } else if (message instanceof InstallSnapshotResponse m) {
            out.writeLong(m.getSnapshotIndex());
            out.writeInt(m.getRequestedSnapshotChunkIndex());
            out.writeLong(m.getQuerySequenceNumber());
            out.writeLong(m.getFlowControlSequenceNumber());
        } else if (message instanceof TriggerLeaderElectionRequest m) {
            out.writeInt(m.getLastLogTerm());
            out.writeLong(m.getLastLogIndex());
        }
    }

    /** The kind of an encoded message, from its first byte. */
    public static MessageKind kindOf(byte[] message) {
        if (message.length == 0) {
            throw new IllegalArgumentException("empty message");
        }
        return MessageKind.ofTag(message[0]);
    }

    static MessageKind kindOf(RaftMessage message) {
        if (message instanceof VoteRequest) {
            return MessageKind.VOTE_REQUEST;
        } else if (message instanceof VoteResponse) {
            return MessageKind.VOTE_RESPONSE;
        } else if (message instanceof PreVoteRequest) {
            return MessageKind.PRE_VOTE_REQUEST;
        } else if (message instanceof PreVoteResponse) {
            return MessageKind.PRE_VOTE_RESPONSE;
        } else if (message instanceof AppendEntriesRequest) {
            return MessageKind.APPEND_ENTRIES_REQUEST;
        } else if (message instanceof AppendEntriesSuccessResponse) {
            return MessageKind.APPEND_ENTRIES_SUCCESS;
        } else if (message instanceof AppendEntriesFailureResponse) {
            return MessageKind.APPEND_ENTRIES_FAILURE;
        } else if (message instanceof InstallSnapshotRequest) {
            return MessageKind.INSTALL_SNAPSHOT_REQUEST;
        } else if (message instanceof InstallSnapshotResponse) {
            return MessageKind.INSTALL_SNAPSHOT_RESPONSE;
        } else if (message instanceof TriggerLeaderElectionRequest) {
            return MessageKind.TRIGGER_LEADER_ELECTION;
        }
        throw new IllegalArgumentException("unknown MicroRaft message type " + message.getClass().getName());
    }

    private RaftMessage readMessage(DataInputStream in) throws IOException {
        MessageKind kind = MessageKind.ofTag(in.readByte());
        Object groupId = readGroupId(in);
        RaftEndpoint sender = readEndpoint(in);
        int term = in.readInt();
        return switch (kind) {
            case VOTE_REQUEST -> factory.createVoteRequestBuilder().setGroupId(groupId).setSender(sender).setTerm(term)
                    .setLastLogTerm(in.readInt()).setLastLogIndex(in.readLong()).setSticky(in.readBoolean()).build();
            case VOTE_RESPONSE -> factory.createVoteResponseBuilder().setGroupId(groupId).setSender(sender).setTerm(term)
                    .setGranted(in.readBoolean()).build();
            case PRE_VOTE_REQUEST -> factory.createPreVoteRequestBuilder().setGroupId(groupId).setSender(sender).setTerm(term)
                    .setLastLogTerm(in.readInt()).setLastLogIndex(in.readLong()).build();
            case PRE_VOTE_RESPONSE -> factory.createPreVoteResponseBuilder().setGroupId(groupId).setSender(sender).setTerm(term)
                    .setGranted(in.readBoolean()).build();
            case APPEND_ENTRIES_REQUEST -> {
                int previousLogTerm = in.readInt();
                long previousLogIndex = in.readLong();
                long commitIndex = in.readLong();
                int count = in.readInt();
                List<LogEntry> entries = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    entries.add(readLogEntry(in));
                }
                yield factory.createAppendEntriesRequestBuilder().setGroupId(groupId).setSender(sender).setTerm(term)
                        .setPreviousLogTerm(previousLogTerm).setPreviousLogIndex(previousLogIndex)
                        .setCommitIndex(commitIndex).setLogEntries(entries)
                        .setQuerySequenceNumber(in.readLong()).setFlowControlSequenceNumber(in.readLong()).build();
            }
            case APPEND_ENTRIES_SUCCESS -> factory.createAppendEntriesSuccessResponseBuilder().setGroupId(groupId)
                    .setSender(sender).setTerm(term).setLastLogIndex(in.readLong())
                    .setQuerySequenceNumber(in.readLong()).setFlowControlSequenceNumber(in.readLong()).build();
            case APPEND_ENTRIES_FAILURE -> factory.createAppendEntriesFailureResponseBuilder().setGroupId(groupId)
                    .setSender(sender).setTerm(term).setExpectedNextIndex(in.readLong())
                    .setQuerySequenceNumber(in.readLong()).setFlowControlSequenceNumber(in.readLong()).build();
            case INSTALL_SNAPSHOT_REQUEST -> {
                boolean senderLeader = in.readBoolean();
                int snapshotTerm = in.readInt();
                long snapshotIndex = in.readLong();
                int totalChunks = in.readInt();
                SnapshotChunk chunk = in.readBoolean() ? readSnapshotChunk(in) : null;
                Collection<RaftEndpoint> snapshotted = readEndpoints(in);
                RaftGroupMembersView view = in.readBoolean() ? readMembersView(in) : null;
                yield factory.createInstallSnapshotRequestBuilder().setGroupId(groupId).setSender(sender).setTerm(term)
                        .setSenderLeader(senderLeader).setSnapshotTerm(snapshotTerm).setSnapshotIndex(snapshotIndex)
                        .setTotalSnapshotChunkCount(totalChunks).setSnapshotChunk(chunk)
                        .setSnapshottedMembers(snapshotted).setGroupMembersView(view)
                        .setQuerySequenceNumber(in.readLong()).setFlowControlSequenceNumber(in.readLong()).build();
            }
            case INSTALL_SNAPSHOT_RESPONSE -> factory.createInstallSnapshotResponseBuilder().setGroupId(groupId)
                    .setSender(sender).setTerm(term).setSnapshotIndex(in.readLong())
                    .setRequestedSnapshotChunkIndex(in.readInt())
                    .setQuerySequenceNumber(in.readLong()).setFlowControlSequenceNumber(in.readLong()).build();
            case TRIGGER_LEADER_ELECTION -> factory.createTriggerLeaderElectionRequestBuilder().setGroupId(groupId)
                    .setSender(sender).setTerm(term).setLastLogTerm(in.readInt()).setLastLogIndex(in.readLong()).build();
        };
    }

    // ---- persisted and embedded parts ----

    public byte[] encodeLogEntry(LogEntry entry) {
        return bytes(out -> writeLogEntry(out, entry));
    }

    public LogEntry decodeLogEntry(byte[] bytes) {
        return parse(bytes, this::readLogEntry);
    }

    public byte[] encodeSnapshotChunk(SnapshotChunk chunk) {
        return bytes(out -> writeSnapshotChunk(out, chunk));
    }

    public SnapshotChunk decodeSnapshotChunk(byte[] bytes) {
        return parse(bytes, this::readSnapshotChunk);
    }

    public byte[] encodeMembersView(RaftGroupMembersView view) {
        return bytes(out -> writeMembersView(out, view));
    }

    public RaftGroupMembersView decodeMembersView(byte[] bytes) {
        return parse(bytes, this::readMembersView);
    }

    public byte[] encodeTermState(RaftTermPersistentState state) {
        return bytes(out -> {
            out.writeInt(state.getTerm());
            writeNullableEndpoint(out, state.getVotedFor());
        });
    }

    public RaftTermPersistentState decodeTermState(byte[] bytes) {
        return parse(bytes, in -> factory.createRaftTermPersistentStateBuilder()
                .setTerm(in.readInt()).setVotedFor(readNullableEndpoint(in)).build());
    }

    public byte[] encodeLocalEndpoint(RaftEndpointPersistentState state) {
        return bytes(out -> {
            writeEndpoint(out, state.getLocalEndpoint());
            out.writeBoolean(state.isVoting());
        });
    }

    public RaftEndpointPersistentState decodeLocalEndpoint(byte[] bytes) {
        return parse(bytes, in -> factory.createRaftEndpointPersistentStateBuilder()
                .setLocalEndpoint(readEndpoint(in)).setVoting(in.readBoolean()).build());
    }

    private void writeLogEntry(DataOutputStream out, LogEntry entry) throws IOException {
        out.writeLong(entry.getIndex());
        out.writeInt(entry.getTerm());
        writeOperation(out, entry.getOperation());
    }

    private LogEntry readLogEntry(DataInputStream in) throws IOException {
        return factory.createLogEntryBuilder().setIndex(in.readLong()).setTerm(in.readInt())
                .setOperation(readOperation(in)).build();
    }

    private void writeSnapshotChunk(DataOutputStream out, SnapshotChunk chunk) throws IOException {
        out.writeLong(chunk.getIndex());
        out.writeInt(chunk.getTerm());
        writeOperation(out, chunk.getOperation());
        out.writeInt(chunk.getSnapshotChunkIndex());
        out.writeInt(chunk.getSnapshotChunkCount());
        writeMembersView(out, chunk.getGroupMembersView());
    }

    private SnapshotChunk readSnapshotChunk(DataInputStream in) throws IOException {
        return factory.createSnapshotChunkBuilder().setIndex(in.readLong()).setTerm(in.readInt())
                .setOperation(readOperation(in)).setSnapshotChunkIndex(in.readInt())
                .setSnapshotChunkCount(in.readInt()).setGroupMembersView(readMembersView(in)).build();
    }

    private void writeMembersView(DataOutputStream out, RaftGroupMembersView view) throws IOException {
        out.writeLong(view.getLogIndex());
        writeEndpoints(out, view.getMembers());
        writeEndpoints(out, view.getVotingMembers());
    }

    private RaftGroupMembersView readMembersView(DataInputStream in) throws IOException {
        return factory.createRaftGroupMembersViewBuilder().setLogIndex(in.readLong())
                .setMembers(readEndpoints(in)).setVotingMembers(readEndpoints(in)).build();
    }

    // ---- operations ----

    private void writeOperation(DataOutputStream out, Object operation) throws IOException {
        if (operation == null) {
            out.writeByte(OP_NULL);
        } else if (operation instanceof KvOperation op) {
            out.writeByte(OP_KV_COMMAND);
            out.writeInt(op.clientId());
            out.writeLong(op.sequence());
            writeCommand(out, op.command());
        } else if (operation instanceof KvSnapshotChunk chunk) {
            out.writeByte(OP_KV_SNAPSHOT_CHUNK);
            out.writeInt(chunk.entries().size());
            for (Map.Entry<String, String> entry : chunk.entries().entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeUTF(entry.getValue());
            }
            out.writeInt(chunk.sessions().size());
            for (Map.Entry<Integer, KvSession> entry : chunk.sessions().entrySet()) {
                out.writeInt(entry.getKey());
                out.writeLong(entry.getValue().lastSequence());
                KvResult result = entry.getValue().lastResult();
                out.writeBoolean(result != null);
                if (result != null) {
                    out.writeBoolean(result.success());
                    writeNullableString(out, result.value());
                }
            }
        } else if (operation instanceof UpdateRaftGroupMembersOp op) {
            out.writeByte(OP_UPDATE_MEMBERS);
            writeEndpoints(out, op.getMembers());
            writeEndpoints(out, op.getVotingMembers());
            writeEndpoint(out, op.getEndpoint());
            out.writeUTF(op.getMode().name());
        } else if (operation == NoOp.INSTANCE) {
            out.writeByte(OP_MICRORAFT_NO_OP);
        } else {
            throw new IllegalArgumentException("no encoding for operation " + operation.getClass().getName());
        }
    }

    private Object readOperation(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case OP_NULL -> null;
            case OP_KV_COMMAND -> {
                int clientId = in.readInt();
                long sequence = in.readLong();
                KvCommand command = readCommand(in);
                yield command == null ? KvOperation.NEW_TERM : new KvOperation(clientId, sequence, command);
            }
            case OP_KV_SNAPSHOT_CHUNK -> {
                TreeMap<String, String> entries = new TreeMap<>();
                for (int i = in.readInt(); i > 0; i--) {
                    entries.put(in.readUTF(), in.readUTF());
                }
                TreeMap<Integer, KvSession> sessions = new TreeMap<>();
                for (int i = in.readInt(); i > 0; i--) {
                    int clientId = in.readInt();
                    long lastSequence = in.readLong();
                    KvResult result = in.readBoolean() ? readResult(in.readBoolean(), readNullableString(in)) : null;
                    sessions.put(clientId, new KvSession(lastSequence, result));
                }
                yield new KvSnapshotChunk(entries, sessions);
            }
            case OP_UPDATE_MEMBERS -> factory.createUpdateRaftGroupMembersOpBuilder()
                    .setMembers(readEndpoints(in)).setVotingMembers(readEndpoints(in))
                    .setEndpoint(readEndpoint(in)).setMode(MembershipChangeMode.valueOf(in.readUTF())).build();
            case OP_MICRORAFT_NO_OP -> NoOp.INSTANCE;
            default -> throw new IllegalArgumentException("unknown operation tag " + tag);
        };
    }

    // ---- small parts ----

    /** The harness's command: a kind byte (0 for none, the new-term entry) and its strings. */
    private static void writeCommand(DataOutputStream out, KvCommand command) throws IOException {
        if (command == null) {
            out.writeByte(0);
        } else if (command instanceof Put put) {
            out.writeByte(1);
            out.writeUTF(put.key());
            writeNullableString(out, put.value());
        } else if (command instanceof Get get) {
            out.writeByte(2);
            out.writeUTF(get.key());
        } else if (command instanceof Append append) {
            out.writeByte(3);
            out.writeUTF(append.key());
            writeNullableString(out, append.value());
        } else if (command instanceof Cas cas) {
            out.writeByte(4);
            out.writeUTF(cas.key());
            writeNullableString(out, cas.expected());
            writeNullableString(out, cas.update());
        } else {
            throw new IllegalArgumentException("unknown command " + command);
        }
    }

    private static KvCommand readCommand(DataInputStream in) throws IOException {
        int kind = in.readByte();
        return switch (kind) {
            case 0 -> null;
            case 1 -> new Put(in.readUTF(), readNullableString(in));
            case 2 -> new Get(in.readUTF());
            case 3 -> new Append(in.readUTF(), readNullableString(in));
            case 4 -> new Cas(in.readUTF(), readNullableString(in), readNullableString(in));
            default -> throw new IllegalArgumentException("unknown command kind " + kind);
        };
    }

    /** A result as {@link KvResult}'s factories make it: a read carries a value, a put or CAS only success. */
    private static KvResult readResult(boolean success, String value) {
        return value != null ? KvResult.read(value) : KvResult.cas(success);
    }

    private static void writeGroupId(DataOutputStream out, Object groupId) throws IOException {
        if (!(groupId instanceof String name)) {
            throw new IllegalArgumentException("group ids must be strings: " + groupId);
        }
        out.writeUTF(name);
    }

    private static Object readGroupId(DataInputStream in) throws IOException {
        return in.readUTF();
    }

    private static void writeEndpoint(DataOutputStream out, RaftEndpoint endpoint) throws IOException {
        if (!(endpoint instanceof SimEndpoint simEndpoint)) {
            throw new IllegalArgumentException("not a SimEndpoint: " + endpoint);
        }
        out.writeInt(simEndpoint.id());
    }

    private static RaftEndpoint readEndpoint(DataInputStream in) throws IOException {
        return SimEndpoint.of(in.readInt());
    }

    private static void writeNullableEndpoint(DataOutputStream out, RaftEndpoint endpoint) throws IOException {
        if (endpoint == null) {
            out.writeInt(NO_ENDPOINT);
        } else {
            writeEndpoint(out, endpoint);
        }
    }

    private static RaftEndpoint readNullableEndpoint(DataInputStream in) throws IOException {
        int id = in.readInt();
        return id == NO_ENDPOINT ? null : SimEndpoint.of(id);
    }

    private static void writeEndpoints(DataOutputStream out, Collection<RaftEndpoint> endpoints) throws IOException {
        out.writeInt(endpoints.size());
        for (RaftEndpoint endpoint : endpoints) {
            writeEndpoint(out, endpoint);
        }
    }

    private static Collection<RaftEndpoint> readEndpoints(DataInputStream in) throws IOException {
        int count = in.readInt();
        LinkedHashSet<RaftEndpoint> endpoints = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            endpoints.add(readEndpoint(in));
        }
        return endpoints;
    }

    private static void writeNullableString(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readNullableString(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
