package io.raftsim.harness.spi;

import java.util.List;
import java.util.TreeSet;

/**
 * A change of several servers at once by joint consensus (dissertation §4.3; etcd's
 * {@code ConfChangeV2}), as a scenario asks the leader for it: the leader appends the joint
 * configuration C_old,new, in which elections and commitment need separate majorities of the old
 * and the new voters, and once that entry commits, appends C_new on its own (etcd's auto-leave).
 * When the voters do not change (learners only), the new configuration is appended directly: its
 * quorums are the old ones. Asking for it needs {@link Feature#JOINT_CONSENSUS}.
 *
 * @param addVoters     servers that become voters: learners promoted, or spare servers added as voters at once
 * @param addLearners   servers that join as learners (non-voting members that catch up, §4.2.1)
 * @param removeServers members (voters, learners, the leader itself) that leave
 */
public record JointMembershipChange(List<Integer> addVoters, List<Integer> addLearners, List<Integer> removeServers) {
    public JointMembershipChange {
        addVoters = List.copyOf(addVoters);
        addLearners = List.copyOf(addLearners);
        removeServers = List.copyOf(removeServers);
        TreeSet<Integer> named = new TreeSet<>();
        for (List<Integer> servers : List.of(addVoters, addLearners, removeServers)) {
            for (int server : servers) {
                if (server < 0) {
                    throw new IllegalArgumentException("no server " + server);
                }
                if (!named.add(server)) {
                    throw new IllegalArgumentException("n" + (server + 1) + " is named twice in one change");
                }
            }
        }
        if (named.isEmpty()) {
            throw new IllegalArgumentException("a change names at least one server");
        }
    }

    /** Every server the change names, ascending. */
    public List<Integer> servers() {
        TreeSet<Integer> all = new TreeSet<>(addVoters);
        all.addAll(addLearners);
        all.addAll(removeServers);
        return List.copyOf(all);
    }

    /** As traces and summaries show it: {@code changeMembership addVoters n6,n7 removeServers n1,n2}. */
    public String describe() {
        StringBuilder text = new StringBuilder("changeMembership");
        part(text, "addVoters", addVoters);
        part(text, "addLearners", addLearners);
        part(text, "removeServers", removeServers);
        return text.toString();
    }

    private static void part(StringBuilder text, String field, List<Integer> servers) {
        if (servers.isEmpty()) {
            return;
        }
        text.append(' ').append(field).append(' ');
        for (int i = 0; i < servers.size(); i++) {
            text.append(i == 0 ? "" : ",").append('n').append(servers.get(i) + 1);
        }
    }
}
