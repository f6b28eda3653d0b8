package io.raftsim.harness.spi;

import io.raftsim.sim.engine.Process;

/** One incarnation of one server of an implementation: a simulated process the checks can read. */
public interface RaftProcess<T> extends Process<T> {
    /**
     * The read-only view the checks read after every step. The same object for the whole
     * incarnation; reading it must not change the server.
     */
    ServerProbe probe();

    /**
     * Asks this server, as leader, for one membership change (dissertation §4.1), called
     * between inputs at the current virtual time; the server sends what the change needs
     * itself. Needs {@link Feature#MEMBERSHIP_CHANGES}; without it, {@link MembershipChange.Answer#UNSUPPORTED}.
     */
    default MembershipChange.Answer changeMembership(MembershipChange change) {
        return MembershipChange.Answer.UNSUPPORTED;
    }

    /**
     * Asks this server, as leader, for a change of several servers at once through a joint
     * configuration (dissertation §4.3), as for {@link #changeMembership(MembershipChange)}.
     * Needs {@link Feature#JOINT_CONSENSUS}; without it, {@link MembershipChange.Answer#UNSUPPORTED}.
     */
    default MembershipChange.Answer changeMembership(JointMembershipChange change) {
        return MembershipChange.Answer.UNSUPPORTED;
    }

    /**
     * Asked of a running server by a scenario's {@code transferLeadership} step: if it leads,
     * hand leadership to server {@code target} (dissertation §3.10); otherwise do nothing. Only
     * called on implementations declaring {@link Feature#LEADERSHIP_TRANSFER}.
     */
    default void transferLeadership(int target) {
        throw new UnsupportedOperationException("leadership transfer is not supported");
    }
}
