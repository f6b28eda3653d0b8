package io.raftsim.raft.server;

import io.raftsim.raft.log.LogEntry;
import io.raftsim.raft.log.LogListener;
import io.raftsim.raft.message.RaftMessage;
import io.raftsim.raft.node.RaftNode;

/**
 * What a server tells the checks, beyond the log changes of {@link LogListener}: that a
 * node (re)started, that it applied an entry, and that it finished handling an input.
 */
public interface RaftHostListener extends LogListener {
    RaftHostListener NONE = new RaftHostListener() {
        @Override
        public void appended(int node, LogEntry entry, long cumulativeHash) {
        }

        @Override
        public void truncated(int node, long fromIndex, long previousLastIndex) {
        }
    };

    /** A node (re)started; from now on reports about its id concern this incarnation. */
    default void started(RaftNode node) {
    }

    default void applied(int node, LogEntry entry, long cumulativeHash) {
    }

    /** After {@link #applied}: the fingerprint of the node's whole state machine with entries 1..{@code appliedIndex} applied. */
    default void stateApplied(int node, long appliedIndex, long stateFingerprint) {
    }

    /** After the node handled an RPC request or response, before {@link #handled}: what the message said. */
    default void received(RaftNode node, RaftMessage message) {
    }

    /** After every input the node handled: role, term, vote and commit index are final for this step. */
    default void handled(RaftNode node) {
    }
}
