package io.raftsim.harness.cluster;

import io.raftsim.harness.spi.JointMembershipChange;
import io.raftsim.harness.spi.MembershipChange;
import io.raftsim.harness.spi.RaftProcess;
import io.raftsim.harness.spi.ServerProbe;
import io.raftsim.harness.spi.WireCodec;
import io.raftsim.sim.engine.Process;

/**
 * Runs one incarnation of an implementation's server and, after every input it handles,
 * reads its probe and tells the checks what changed ({@link ServerListener}). This is the
 * only place the harness looks at a server: the implementation never calls the checks.
 */
final class ServerHost<T> implements Process<T> {
    private final int id;
    private final RaftProcess<T> server;
    private final ServerProbe probe;
    private final WireCodec<T> codec;
    private final LogMirror mirror;
    private final ServerListener listener;
    private long reportedApplied;

    ServerHost(int id, RaftProcess<T> server, WireCodec<T> codec, LogMirror mirror, ServerListener listener) {
        this.id = id;
        this.server = server;
        this.probe = server.probe();
        this.codec = codec;
        this.mirror = mirror;
        this.listener = listener;
    }

    @Override
    public void onStart() {
        server.onStart();
        listener.started(id, probe);
        reportedApplied = 0;
        report();
    }

    @Override
    public void onMessage(int from, T message) {
        server.onMessage(from, message);
        mirror.sync(id, probe, listener);
        listener.received(id, from, codec.kind(message), codec.term(message), probe);
        handledAndApplied();
    }

    @Override
    public void onTimer(int timerId) {
        server.onTimer(timerId);
        report();
    }

    /** Asks the server, between inputs, for a membership change, then reports what it changed like any input. */
    MembershipChange.Answer changeMembership(MembershipChange change) {
        MembershipChange.Answer answer = server.changeMembership(change);
        report();
        return answer;
    }

    /** Asks the server, between inputs, for a joint membership change (§4.3), reported like any input. */
    MembershipChange.Answer changeMembership(JointMembershipChange change) {
        MembershipChange.Answer answer = server.changeMembership(change);
        report();
        return answer;
    }

    /** A transfer of leadership asked for by a scenario step: an input like any other, reported to the checks. */
    void transferLeadership(int target) {
        server.transferLeadership(target);
        report();
    }

    private void report() {
        mirror.sync(id, probe, listener);
        handledAndApplied();
    }

    private void handledAndApplied() {
        listener.handled(id, probe);
        long applied = probe.lastApplied();
        if (applied < reportedApplied) {
            reportedApplied = applied; // a snapshot install or an implementation that re-applies; nothing to report
        }
        if (applied > reportedApplied) {
            long from = Math.max(reportedApplied + 1, mirror.firstIndex());
            for (long index = from; index <= applied && mirror.knows(index); index++) {
                listener.applied(id, index, mirror.hash(index));
            }
            reportedApplied = applied;
            listener.stateApplied(id, applied, probe.stateFingerprint());
        }
    }

    RaftProcess<T> server() {
        return server;
    }

    ServerProbe probe() {
        return probe;
    }
}
