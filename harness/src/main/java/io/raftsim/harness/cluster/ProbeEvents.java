package io.raftsim.harness.cluster;

import io.raftsim.harness.event.RaftEvent;
import io.raftsim.harness.spi.Role;
import io.raftsim.harness.spi.ServerProbe;
import io.raftsim.sim.engine.ProcessContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Trace events read off a server's probe, for implementations that report none of their own
 * ({@link io.raftsim.harness.spi.RaftImplementation#reportsEvents()}): restarts, role and term
 * changes, votes, log changes, commits and applies, so every implementation gets a timeline.
 * A {@link ServerListener} placed last; it writes only when a trace is kept.
 */
final class ProbeEvents implements ServerListener {
    private final ProcessContext<?> context;
    private Role lastRole = Role.FOLLOWER;
    private long lastTerm;
    private int lastVote = -1;
    private long lastCommit;
    private long appendedFrom = -1;
    private long appendedTo;
    private final List<Long> appendedTerms = new ArrayList<>();
    private long lastSnapshot;
    private long lastLastIndex;

    ProbeEvents(ProcessContext<?> context) {
        this.context = context;
    }

    @Override
    public void started(int server, ServerProbe probe) {
        long last = probe.lastLogIndex();
        emit(new RaftEvent.Restored(server, probe.currentTerm(), probe.votedFor(), last, probe.termAt(last)));
        lastRole = probe.role();
        lastTerm = probe.currentTerm();
        lastVote = probe.votedFor();
        lastCommit = probe.commitIndex();
        lastSnapshot = probe.snapshotIndex();
        lastLastIndex = last;
    }

    @Override
    public void appended(int server, long index, long term, long cumulativeHash) {
        if (appendedFrom < 0) {
            appendedFrom = index;
        }
        appendedTo = index;
        appendedTerms.add(term);
    }

    @Override
    public void truncated(int server, long fromIndex, long previousLastIndex) {
        emit(new RaftEvent.LogTruncated(server, fromIndex, previousLastIndex));
    }

    @Override
    public void handled(int server, ServerProbe probe) {
        if (appendedFrom >= 0) {
            emit(new RaftEvent.LogAppended(server, appendedFrom, appendedTo, appendedTerms));
            appendedFrom = -1;
            appendedTerms.clear();
        }
        Role role = probe.role();
        long term = probe.currentTerm();
        if (role != lastRole || term != lastTerm) {
            emit(new RaftEvent.RoleChanged(server, lastRole, role, term));
        }
        int vote = probe.votedFor();
        if (vote >= 0 && vote != server && (vote != lastVote || term != lastTerm)) {
            emit(new RaftEvent.VoteGranted(server, vote, term, false));
        }
        long commit = probe.commitIndex();
        if (commit > lastCommit) {
            emit(new RaftEvent.CommitAdvanced(server, lastCommit, commit));
        }
        long snapshot = probe.snapshotIndex();
        if (snapshot > lastSnapshot) {
            // A server snapshots only entries it holds: a snapshot past its log came from the leader (Figure 13).
            if (snapshot > lastLastIndex) {
                emit(new RaftEvent.SnapshotInstalled(server, probe.leaderId(), snapshot, probe.termAt(snapshot), false));
            } else {
                emit(new RaftEvent.SnapshotTaken(server, snapshot, probe.termAt(snapshot), probe.lastLogIndex() - snapshot));
            }
        }
        lastRole = role;
        lastTerm = term;
        lastVote = vote;
        lastCommit = commit;
        lastSnapshot = snapshot;
        lastLastIndex = probe.lastLogIndex();
    }

    @Override
    public void applied(int server, long index, long cumulativeHash) {
        // The payload is the implementation's; a timeline shows the index and the term.
    }

    private void emit(RaftEvent event) {
        if (context.tracing()) {
            context.trace(event.toString(), event);
        }
    }
}
