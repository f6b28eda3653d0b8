package io.raftsim.harness.spi;

import java.util.List;
import java.util.OptionalLong;

/**
 * What the checks read from a server after every step. Reading never changes the server.
 * Log positions follow the paper: index 1 is the first entry ever appended; entries up to
 * {@link #snapshotIndex()} may have been compacted away, so the log holds
 * {@code firstLogIndex()..lastLogIndex()} (empty when first = last + 1).
 */
public interface ServerProbe {
    Role role();

    long currentTerm();

    /** The candidate voted for in the current term, or -1. */
    int votedFor();

    /** The leader this server knows of in its current term (itself when it leads), or -1. */
    int leaderId();

    long commitIndex();

    /** The last index applied to the state machine (0 before any). */
    long lastApplied();

    long firstLogIndex();

    long lastLogIndex();

    /**
     * The term of the entry at {@code index}, for {@code firstLogIndex() - 1 <= index <= lastLogIndex()}
     * (at {@code firstLogIndex() - 1}: the snapshot's last term, 0 for index 0).
     */
    long termAt(long index);

    /**
     * A fingerprint of the entry's payload at {@code index} (firstLogIndex..lastLogIndex), by
     * a fixed algorithm over its content, never {@code Object.hashCode}: equal commands give
     * equal fingerprints on every server and every JDK.
     */
    long payloadFingerprintAt(long index);

    /**
     * The payload fingerprint of the snapshot's last entry (index {@code firstLogIndex() - 1}),
     * when this server compacted that entry itself and still knows it; empty otherwise (the
     * default). The checks need it only for an entry appended, committed and compacted in one
     * step, which they never saw in the log: a leader that is the only voter (§7).
     */
    default OptionalLong snapshotLastPayloadFingerprint() {
        return OptionalLong.empty();
    }

    /**
     * A fingerprint of the whole state machine as it stands after applying entries
     * 1..{@link #lastApplied()}, client sessions included: servers that applied the same
     * committed prefix must agree.
     */
    long stateFingerprint();

    /** The voters of the configuration this server uses now, ascending: the incoming (C_new) voters while it is joint. */
    List<Integer> voters();

    /**
     * While the configuration this server uses is joint (C_old,new, dissertation §4.3), the
     * outgoing (C_old) voters, ascending: a quorum is then a majority of {@link #voters()} and,
     * separately, of these. Empty when not joint, and for an implementation without joint consensus.
     */
    default List<Integer> outgoingVoters() {
        return List.of();
    }

    /**
     * The learners (non-voting members, dissertation §4.2.1) of the configuration this server
     * uses now, ascending; empty for an implementation without them.
     */
    default List<Integer> learners() {
        return List.of();
    }

    /** The snapshot's last included index, 0 until there are snapshots. */
    default long snapshotIndex() {
        return firstLogIndex() - 1;
    }

    /**
     * A leader's matchIndex for one follower (§5.3), or -1 when the server does not lead,
     * {@code peer} is itself, or the implementation does not expose it. Read after every step
     * of a leader, so two numbers rather than an object.
     */
    default long matchIndexOf(int peer) {
        return -1;
    }

    /**
     * True when the entry at {@code index} (firstLogIndex..lastLogIndex) holds the command a
     * client sent with this identity (client id, sequence number): how a scenario's check names
     * an entry by the command it holds rather than by an index, which a leader's no-op (§8)
     * shifts. Read only while such a check is active. An implementation that answers declares
     * {@link Feature#COMMAND_PROBE}; the default cannot tell.
     */
    default boolean holdsClientCommand(long index, int clientId, long sequence) {
        throw new UnsupportedOperationException("this probe cannot tell which client command an entry holds (Feature.COMMAND_PROBE)");
    }

    /** A leader's nextIndex for one follower (§5.3), or -1 as for {@link #matchIndexOf}. */
    default long nextIndexOf(int peer) {
        return -1;
    }
}
