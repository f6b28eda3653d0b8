package io.raftsim.raft.log;

import io.raftsim.harness.spi.JointMembershipChange;
import io.raftsim.harness.spi.MembershipChange;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A cluster configuration (dissertation chapter 4): the voters, whose majority elects leaders
 * and commits entries, and the learners, which are replicated to but never vote, never count
 * towards a quorum and never campaign (§4.2.1). Server slots in neither are spare: they exist
 * in the cluster but take no part. A configuration lives in the log as a
 * {@link Command.ConfigChange} entry and takes effect when appended (§4.1).
 *
 * <p>A <em>joint</em> configuration C_old,new (dissertation §4.3, etcd's {@code ConfChangeV2})
 * holds two voter sets: {@code voters}, the incoming C_new, and {@code outgoingVoters}, C_old.
 * While a server uses one, "agreement (for elections and entry commitment) requires separate
 * majorities from both the old and new configurations" ({@link #isQuorum}), and a server of
 * either set may be elected. Not joint, {@code outgoingVoters} is empty.
 *
 * @param voters         ascending server ids, at least one: the incoming voters when joint
 * @param learners       ascending server ids, none of them a voter of either set
 * @param outgoingVoters ascending server ids: C_old's voters while joint, else empty
 */
public record Configuration(List<Integer> voters, List<Integer> learners, List<Integer> outgoingVoters) {
    public Configuration {
        voters = List.copyOf(voters);
        learners = List.copyOf(learners);
        outgoingVoters = List.copyOf(outgoingVoters);
        if (voters.isEmpty()) {
            throw new IllegalArgumentException("a configuration needs a voter");
        }
        requireAscending(voters);
        requireAscending(learners);
        requireAscending(outgoingVoters);
        for (int learner : learners) {
            if (voters.contains(learner) || outgoingVoters.contains(learner)) {
                // etcd lets a voter of C_old be a learner of C_new (LearnersNext); not modelled here.
                throw new IllegalArgumentException("n" + (learner + 1) + " is both voter and learner");
            }
        }
    }

    /** A configuration with one voter set: not joint. */
    public Configuration(List<Integer> voters, List<Integer> learners) {
        this(voters, learners, List.of());
    }

    private static void requireAscending(List<Integer> ids) {
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) < 0 || i > 0 && ids.get(i) <= ids.get(i - 1)) {
                throw new IllegalArgumentException("server ids must be distinct, non-negative and ascending: " + ids);
            }
        }
    }

    /** Every one of {@code servers} slots a voter: the configuration of a cluster without membership changes. */
    public static Configuration allOf(int servers) {
        List<Integer> all = new ArrayList<>(servers);
        for (int i = 0; i < servers; i++) {
            all.add(i);
        }
        return new Configuration(all, List.of());
    }

    /** A voter of either set while joint (§4.3: servers of both configurations may serve as leader). */
    public boolean isVoter(int server) {
        return contains(voters, server) || contains(outgoingVoters, server);
    }

    /** A voter of the incoming set: of C_new while joint, else of the one set. */
    public boolean isIncomingVoter(int server) {
        return contains(voters, server);
    }

    private static boolean contains(List<Integer> ids, int server) {
        // Compared unboxed: a leader asks this for every peer at every reply and heartbeat, and
        // contains(Object) boxed the id and called equals on each voter (about 4% of a run).
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == server) {
                return true;
            }
        }
        return false;
    }

    /** C_old,new (§4.3): two voter sets, each of whose majorities agreement needs. */
    public boolean isJoint() {
        return !outgoingVoters.isEmpty();
    }

    /** The configuration that leaves the joint one, C_new: the incoming voters and the learners (§4.3). */
    public Configuration incoming() {
        return isJoint() ? new Configuration(voters, learners) : this;
    }

    public boolean isLearner(int server) {
        return learners.contains(server);
    }

    /** A voter (of either set) or a learner: a server the leader replicates to. */
    public boolean isMember(int server) {
        return isVoter(server) || isLearner(server);
    }

    /** The votes or acknowledgements that make a quorum of one set: a majority of the (incoming) voters (§5.2, §4.1). */
    public int majority() {
        return voters.size() / 2 + 1;
    }

    /** A majority of the outgoing voters while joint; 0 otherwise, which any count meets. */
    public int outgoingMajority() {
        return isJoint() ? outgoingVoters.size() / 2 + 1 : 0;
    }

    /**
     * Whether the servers {@code agreed} marks (indexed by server id) make a quorum: a majority of
     * the voters and, while joint, separately a majority of the outgoing voters (§4.3).
     */
    public boolean isQuorum(boolean[] agreed) {
        return agreedAmong(voters, agreed) >= majority() && agreedAmong(outgoingVoters, agreed) >= outgoingMajority();
    }

    private static int agreedAmong(List<Integer> ids, boolean[] agreed) {
        int count = 0;
        for (int i = 0; i < ids.size(); i++) {
            int server = ids.get(i);
            if (server < agreed.length && agreed[server]) {
                count++;
            }
        }
        return count;
    }

    /**
     * The configuration after one single-server change (§4.1), or null when the change means
     * nothing here: adding a member, promoting a server that is not a learner, removing a server
     * that is not a member, or removing the last voter.
     */
    public Configuration after(MembershipChange change) {
        int server = change.server();
        return switch (change.kind()) {
            case ADD_LEARNER -> isMember(server) ? null : new Configuration(voters, with(learners, server));
            case PROMOTE_LEARNER -> !isLearner(server) ? null : new Configuration(with(voters, server), without(learners, server));
            case REMOVE_SERVER -> isLearner(server) ? new Configuration(voters, without(learners, server))
                    : !isVoter(server) || voters.size() == 1 ? null : new Configuration(without(voters, server), learners);
        };
    }

    /**
     * The configuration a change of several servers at once leads to (§4.3): C_old,new, with this
     * configuration's voters outgoing, when the voters change; the new configuration itself when
     * only learners do, since its quorums are this one's. Null when the change means nothing here:
     * asked of a joint configuration, adding a member as a learner, making a voter a voter again,
     * removing a server that is not a member, or leaving no voter. A learner named among the new
     * voters is promoted; a spare server named there becomes a voter directly.
     */
    public Configuration afterJoint(JointMembershipChange change) {
        if (isJoint()) {
            return null;
        }
        TreeSet<Integer> nextVoters = new TreeSet<>(voters);
        TreeSet<Integer> nextLearners = new TreeSet<>(learners);
        for (int server : change.removeServers()) {
            if (!isMember(server)) {
                return null;
            }
            nextVoters.remove(server);
            nextLearners.remove(server);
        }
        for (int server : change.addVoters()) {
            if (isVoter(server)) {
                return null;
            }
            nextLearners.remove(server);
            nextVoters.add(server);
        }
        for (int server : change.addLearners()) {
            if (isMember(server)) {
                return null;
            }
            nextLearners.add(server);
        }
        if (nextVoters.isEmpty()) {
            return null;
        }
        List<Integer> incoming = List.copyOf(nextVoters);
        return incoming.equals(voters) ? new Configuration(voters, List.copyOf(nextLearners))
                : new Configuration(incoming, List.copyOf(nextLearners), voters);
    }

    private static List<Integer> with(List<Integer> ids, int server) {
        List<Integer> more = new ArrayList<>(ids.size() + 1);
        more.addAll(ids);
        more.add(server);
        more.sort(null);
        return more;
    }

    private static List<Integer> without(List<Integer> ids, int server) {
        List<Integer> fewer = new ArrayList<>(ids);
        fewer.remove(Integer.valueOf(server));
        return fewer;
    }

    /** A fixed-formula fingerprint, for log hashes and the run digest: equal configurations, equal fingerprints. */
    public long fingerprint() {
        long h = 0x434F4E46L;
        for (int voter : voters) {
            h = h * 31 + voter + 1;
        }
        h = h * 31 + 0x7F;
        for (int learner : learners) {
            h = h * 31 + learner + 1;
        }
        if (isJoint()) {
            // Only a joint configuration mixes in its outgoing voters: every other fingerprint,
            // and so every run digest from before joint consensus, stays as it was.
            h = h * 31 + 0x4A;
            for (int voter : outgoingVoters) {
                h = h * 31 + voter + 1;
            }
        }
        return h;
    }

    /** As traces show it: {@code voters n1,n2,n3 learners n4}; joint, {@code voters n1,n4,n5 outgoing n1,n2,n3}. */
    public String describe() {
        StringBuilder text = new StringBuilder("voters ");
        names(text, voters);
        if (isJoint()) {
            text.append(" outgoing ");
            names(text, outgoingVoters);
        }
        if (!learners.isEmpty()) {
            text.append(" learners ");
            names(text, learners);
        }
        return text.toString();
    }

    private static void names(StringBuilder text, List<Integer> ids) {
        for (int i = 0; i < ids.size(); i++) {
            text.append(i == 0 ? "" : ",").append('n').append(ids.get(i) + 1);
        }
    }
}
