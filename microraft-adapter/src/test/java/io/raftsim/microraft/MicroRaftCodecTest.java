package io.raftsim.microraft;

import io.raftsim.harness.kv.Append;
import io.raftsim.harness.kv.Cas;
import io.raftsim.harness.kv.Get;
import io.raftsim.harness.kv.KvResult;
import io.raftsim.harness.kv.Put;

import io.microraft.MembershipChangeMode;
import io.microraft.RaftEndpoint;
import io.microraft.impl.statemachine.NoOp;
import io.microraft.model.RaftModelFactory;
import io.microraft.model.groupop.UpdateRaftGroupMembersOp;
import io.microraft.model.impl.DefaultRaftModelFactory;
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
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MicroRaftCodecTest {
    private static final SimEndpoint N1 = SimEndpoint.of(1);
    private static final SimEndpoint N2 = SimEndpoint.of(2);
    private static final SimEndpoint N3 = SimEndpoint.of(3);
    private final RaftModelFactory factory = new DefaultRaftModelFactory();
    private final MicroRaftCodec codec = new MicroRaftCodec(factory);

    /** Decodes, checks the copy is fresh and of the same type, and that it encodes to the same bytes. */
    @SuppressWarnings("unchecked")
    private <T extends RaftMessage> T roundTrip(T message) {
        byte[] bytes = codec.encode(message);
        RaftMessage decoded = codec.decode(bytes);
        assertNotSame(message, decoded);
        assertInstanceOf(message.getClass(), decoded);
        assertArrayEquals(bytes, codec.encode(decoded), "re-encoding gives the same bytes");
        MessageKind kind = MicroRaftCodec.kindOf(bytes);
        assertEquals(message.getClass().getSimpleName().contains("Response"), kind.isReply(), kind.name());
        assertEquals("kv", decoded.getGroupId());
        assertEquals(message.getSender(), decoded.getSender());
        assertEquals(message.getTerm(), decoded.getTerm());
        return (T) decoded;
    }

    private RaftGroupMembersView view() {
        return factory.createRaftGroupMembersViewBuilder().setLogIndex(7).setMembers(List.of(N1, N2, N3))
                .setVotingMembers(List.of(N1, N2)).build();
    }

    private LogEntry entry(long index, int term, Object operation) {
        return factory.createLogEntryBuilder().setIndex(index).setTerm(term).setOperation(operation).build();
    }

    @Test
    void votesAndPreVotes() {
        VoteRequest vote = roundTrip(factory.createVoteRequestBuilder().setGroupId("kv").setSender(N1).setTerm(5)
                .setLastLogTerm(4).setLastLogIndex(99).setSticky(true).build());
        assertEquals(4, vote.getLastLogTerm());
        assertEquals(99, vote.getLastLogIndex());
        assertTrue(vote.isSticky());
        assertTrue(roundTrip(factory.createVoteResponseBuilder().setGroupId("kv").setSender(N2).setTerm(5)
                .setGranted(true).build()).isGranted());
        PreVoteRequest preVote = roundTrip(factory.createPreVoteRequestBuilder().setGroupId("kv").setSender(N3)
                .setTerm(6).setLastLogTerm(2).setLastLogIndex(3).build());
        assertEquals(3, preVote.getLastLogIndex());
        PreVoteResponse preVoteResponse = roundTrip(factory.createPreVoteResponseBuilder().setGroupId("kv")
                .setSender(N1).setTerm(6).setGranted(false).build());
        assertFalse(preVoteResponse.isGranted());
        TriggerLeaderElectionRequest trigger = roundTrip(factory.createTriggerLeaderElectionRequestBuilder()
                .setGroupId("kv").setSender(N2).setTerm(8).setLastLogTerm(8).setLastLogIndex(120).build());
        assertEquals(120, trigger.getLastLogIndex());
    }

    @Test
    void appendEntriesWithEveryKindOfOperation() {
        UpdateRaftGroupMembersOp membership = factory.createUpdateRaftGroupMembersOpBuilder()
                .setMembers(List.of(N1, N2, N3)).setVotingMembers(List.of(N1, N2, N3)).setEndpoint(N3)
                .setMode(MembershipChangeMode.ADD_OR_PROMOTE_TO_FOLLOWER).build();
        List<LogEntry> entries = List.of(
                entry(11, 3, KvOperation.NEW_TERM),
                entry(12, 3, new KvOperation(9, 1, new Put("k", "v"))),
                entry(13, 3, new KvOperation(9, 2, new Get("k"))),
                entry(14, 3, new KvOperation(9, 3, new Append("k", "é✓"))),
                entry(15, 3, new KvOperation(9, 4, new Cas("k", null, "w"))),
                entry(16, 3, membership),
                entry(17, 3, NoOp.INSTANCE),
                entry(18, 3, null));
        AppendEntriesRequest request = roundTrip(factory.createAppendEntriesRequestBuilder().setGroupId("kv")
                .setSender(N1).setTerm(3).setPreviousLogTerm(2).setPreviousLogIndex(10).setCommitIndex(9)
                .setLogEntries(entries).setQuerySequenceNumber(77).setFlowControlSequenceNumber(78).build());
        assertEquals(10, request.getPreviousLogIndex());
        assertEquals(9, request.getCommitIndex());
        assertEquals(77, request.getQuerySequenceNumber());
        assertEquals(78, request.getFlowControlSequenceNumber());
        assertEquals(entries.size(), request.getLogEntries().size());
        for (int i = 0; i < 5; i++) {
            assertEquals(entries.get(i).getOperation(), request.getLogEntries().get(i).getOperation());
            assertEquals(entries.get(i).getIndex(), request.getLogEntries().get(i).getIndex());
        }
        UpdateRaftGroupMembersOp decodedOp = (UpdateRaftGroupMembersOp) request.getLogEntries().get(5).getOperation();
        assertEquals(List.of(N1, N2, N3), List.copyOf(decodedOp.getMembers()));
        assertEquals(N3, decodedOp.getEndpoint());
        assertEquals(MembershipChangeMode.ADD_OR_PROMOTE_TO_FOLLOWER, decodedOp.getMode());
        assertSame(NoOp.INSTANCE, request.getLogEntries().get(6).getOperation());
        assertNull(request.getLogEntries().get(7).getOperation());

        AppendEntriesSuccessResponse success = roundTrip(factory.createAppendEntriesSuccessResponseBuilder()
                .setGroupId("kv").setSender(N2).setTerm(3).setLastLogIndex(18).setQuerySequenceNumber(77)
                .setFlowControlSequenceNumber(78).build());
        assertEquals(18, success.getLastLogIndex());
        AppendEntriesFailureResponse failure = roundTrip(factory.createAppendEntriesFailureResponseBuilder()
                .setGroupId("kv").setSender(N3).setTerm(3).setExpectedNextIndex(5).setQuerySequenceNumber(1)
                .setFlowControlSequenceNumber(2).build());
        assertEquals(5, failure.getExpectedNextIndex());
    }

    @Test
    void installSnapshotWithAndWithoutAChunk() {
        KvSnapshotChunk payload = new KvSnapshotChunk(new TreeMap<>(Map.of("a", "1", "b", "2")),
                new TreeMap<>(Map.of(9, new KvSession(4, KvResult.cas(false)), 10, new KvSession(1, null), 11, new KvSession(2, KvResult.read("x")))));
        SnapshotChunk chunk = factory.createSnapshotChunkBuilder().setIndex(40).setTerm(3).setOperation(payload)
                .setSnapshotChunkIndex(1).setSnapshotChunkCount(3).setGroupMembersView(view()).build();
        InstallSnapshotRequest request = roundTrip(factory.createInstallSnapshotRequestBuilder().setGroupId("kv")
                .setSender(N1).setTerm(3).setSenderLeader(true).setSnapshotTerm(3).setSnapshotIndex(40)
                .setTotalSnapshotChunkCount(3).setSnapshotChunk(chunk).setSnapshottedMembers(List.of(N2, N3))
                .setGroupMembersView(view()).setQuerySequenceNumber(5).setFlowControlSequenceNumber(6).build());
        assertEquals(payload, request.getSnapshotChunk().getOperation());
        assertEquals(1, request.getSnapshotChunk().getSnapshotChunkIndex());
        assertEquals(List.of(N2, N3), List.copyOf(request.getSnapshottedMembers()));
        assertEquals(7, request.getGroupMembersView().getLogIndex());
        assertEquals(List.of(N1, N2), List.copyOf(request.getGroupMembersView().getVotingMembers()));

        InstallSnapshotRequest empty = roundTrip(factory.createInstallSnapshotRequestBuilder().setGroupId("kv")
                .setSender(N2).setTerm(3).setSenderLeader(false).setSnapshotTerm(3).setSnapshotIndex(40)
                .setTotalSnapshotChunkCount(3).setSnapshotChunk(null).setSnapshottedMembers(List.of())
                .setGroupMembersView(view()).setQuerySequenceNumber(0).setFlowControlSequenceNumber(0).build());
        assertNull(empty.getSnapshotChunk());

        InstallSnapshotResponse response = roundTrip(factory.createInstallSnapshotResponseBuilder().setGroupId("kv")
                .setSender(N3).setTerm(3).setSnapshotIndex(40).setRequestedSnapshotChunkIndex(2)
                .setQuerySequenceNumber(5).setFlowControlSequenceNumber(6).build());
        assertEquals(2, response.getRequestedSnapshotChunkIndex());
    }

    @Test
    void persistedParts() {
        RaftTermPersistentState term = codec.decodeTermState(codec.encodeTermState(
                factory.createRaftTermPersistentStateBuilder().setTerm(4).setVotedFor(N2).build()));
        assertEquals(4, term.getTerm());
        assertEquals(N2, term.getVotedFor());
        assertNull(codec.decodeTermState(codec.encodeTermState(
                factory.createRaftTermPersistentStateBuilder().setTerm(1).setVotedFor(null).build())).getVotedFor());
        RaftEndpointPersistentState local = codec.decodeLocalEndpoint(codec.encodeLocalEndpoint(
                factory.createRaftEndpointPersistentStateBuilder().setLocalEndpoint(N3).setVoting(true).build()));
        assertEquals(N3, local.getLocalEndpoint());
        assertTrue(local.isVoting());
        RaftGroupMembersView view = codec.decodeMembersView(codec.encodeMembersView(view()));
        assertEquals(List.of(N1, N2, N3), List.copyOf(view.getMembers()));
        LogEntry entry = codec.decodeLogEntry(codec.encodeLogEntry(entry(3, 2, new KvOperation(1, 1, new Put("x", "y")))));
        assertEquals(new KvOperation(1, 1, new Put("x", "y")), entry.getOperation());
    }

    @Test
    void malformedBytesAndForeignObjectsFailLoudly() {
        byte[] vote = codec.encode(factory.createVoteResponseBuilder().setGroupId("kv").setSender(N1).setTerm(1)
                .setGranted(true).build());
        byte[] trailing = Arrays.copyOf(vote, vote.length + 1);
        assertThrows(IllegalArgumentException.class, () -> codec.decode(trailing));
        assertThrows(IllegalArgumentException.class, () -> codec.decode(Arrays.copyOf(vote, vote.length - 1)));
        byte[] unknown = vote.clone();
        unknown[0] = 99;
        assertThrows(IllegalArgumentException.class, () -> codec.decode(unknown));
        assertThrows(IllegalArgumentException.class, () -> MicroRaftCodec.kindOf(unknown));
        assertEquals(MessageKind.VOTE_RESPONSE, MicroRaftCodec.kindOf(vote));
        RaftEndpoint foreign = () -> "elsewhere";
        assertThrows(IllegalArgumentException.class, () -> codec.encode(factory.createVoteResponseBuilder()
                .setGroupId("kv").setSender(foreign).setTerm(1).setGranted(true).build()));
        assertThrows(IllegalArgumentException.class, () -> codec.encodeLogEntry(entry(1, 1, "a bare string")));
    }
}
