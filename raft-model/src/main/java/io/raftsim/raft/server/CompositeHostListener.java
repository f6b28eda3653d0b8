package io.raftsim.raft.server;

import io.raftsim.raft.log.LogEntry;
import io.raftsim.raft.message.RaftMessage;
import io.raftsim.raft.node.RaftNode;

import java.util.List;

/** Tells several listeners of each report, in the order given (the safety monitor first). */
public final class CompositeHostListener implements RaftHostListener {
    private final RaftHostListener[] listeners;

    public CompositeHostListener(List<RaftHostListener> listeners) {
        this.listeners = listeners.toArray(RaftHostListener[]::new);
    }

    public List<RaftHostListener> listeners() {
        return List.of(listeners);
    }

    @Override
    public void appended(int node, LogEntry entry, long cumulativeHash) {
        for (RaftHostListener listener : listeners) {
            listener.appended(node, entry, cumulativeHash);
        }
    }

    @Override
    public void truncated(int node, long fromIndex, long previousLastIndex) {
        for (RaftHostListener listener : listeners) {
            listener.truncated(node, fromIndex, previousLastIndex);
        }
    }

    @Override
    public void started(RaftNode node) {
        for (RaftHostListener listener : listeners) {
            listener.started(node);
        }
    }

    @Override
    public void applied(int node, LogEntry entry, long cumulativeHash) {
        for (RaftHostListener listener : listeners) {
            listener.applied(node, entry, cumulativeHash);
        }
    }

    @Override
    public void stateApplied(int node, long appliedIndex, long stateFingerprint) {
        for (RaftHostListener listener : listeners) {
            listener.stateApplied(node, appliedIndex, stateFingerprint);
        }
    }

    @Override
    public void received(RaftNode node, RaftMessage message) {
        for (RaftHostListener listener : listeners) {
            listener.received(node, message);
        }
    }

    @Override
    public void handled(RaftNode node) {
        for (RaftHostListener listener : listeners) {
            listener.handled(node);
        }
    }
}
