package io.raftsim.raft.log;

import io.raftsim.harness.spi.MembershipChange;

import java.util.ArrayList;
import java.util.List;

/**
 * A cluster configuration (dissertation chapter 4): the voters, whose majority elects leaders
 * and commits entries, and the learners, which are replicated to but never vote, never count
 * towards a quorum and never campaign (§4.2.1). Server slots in neither are spare: they exist
 * in the cluster but take no part. A configuration lives in the log as a
 * {@link Command.ConfigChange} entry and takes effect when appended (§4.1).
 *
 * @param voters   ascending server ids, at least one
 * @param learners ascending server ids, none of them a voter
 */
public record Configuration(List<Integer> voters, List<Integer> learners) {
    public Configuration {
        voters = List.copyOf(voters);
        learners = List.copyOf(learners);
        if (voters.isEmpty()) {
            throw new IllegalArgumentException("a configuration needs a voter");
        }
        requireAscending(voters);
        requireAscending(learners);
        for (int learner : learners) {
            if (voters.contains(learner)) {
                throw new IllegalArgumentException("n" + (learner + 1) + " is both voter and learner");
            }
        }
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

    public boolean isVoter(int server) {
        // Compared unboxed: a leader asks this for every peer at every reply and heartbeat, and
        // contains(Object) boxed the id and called equals on each voter (about 4% of a run).
        for (int i = 0; i < voters.size(); i++) {
            if (voters.get(i) == server) {
                return true;
            }
        }
        return false;
    }

    public boolean isLearner(int server) {
        return learners.contains(server);
    }

    /** A voter or a learner: a server the leader replicates to. */
    public boolean isMember(int server) {
        return isVoter(server) || isLearner(server);
    }

    /** The votes or acknowledgements that make a quorum: a majority of the voters (§5.2, §4.1). */
    public int majority() {
        return voters.size() / 2 + 1;
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
        return h;
    }

    /** As traces show it: {@code voters n1,n2,n3 learners n4}. */
    public String describe() {
        StringBuilder text = new StringBuilder("voters ");
        names(text, voters);
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
