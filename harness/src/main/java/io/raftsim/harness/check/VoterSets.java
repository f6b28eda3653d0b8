package io.raftsim.harness.check;

import io.raftsim.harness.spi.ServerProbe;

import java.util.List;
import java.util.TreeSet;

/**
 * The voters a configuration's quorums are drawn from, as a probe shows them: one set, or while
 * the configuration is joint (C_old,new, dissertation §4.3) the incoming and the outgoing set,
 * a quorum then being a majority of each. What Configuration Overlap compares.
 *
 * @param voters   the (incoming) voters, ascending
 * @param outgoing the outgoing voters while joint, else empty
 */
record VoterSets(List<Integer> voters, List<Integer> outgoing) {
    /** Servers a configuration may hold: {@link #intersect} counts them per class of membership. */
    private static final int CLASSES = 16;

    static VoterSets of(ServerProbe probe) {
        return new VoterSets(probe.voters(), probe.outgoingVoters());
    }

    /** The same sets, compared by identity first: a probe hands out the same lists until its configuration changes. */
    boolean sameAs(VoterSets other) {
        return voters == other.voters && outgoing == other.outgoing || voters.equals(other.voters) && outgoing.equals(other.outgoing);
    }

    /**
     * Whether every quorum of {@code a} meets every quorum of {@code b}. Exact: the servers fall
     * into at most 16 classes by which of the (up to four) sets hold them, and two disjoint
     * quorums exist exactly when some split of each class between the two sides gives side A a
     * majority of each of A's sets and side B one of each of B's (a server on neither side helps
     * nobody, so every server is on one). The classes' sizes bound the splits tried.
     */
    static boolean intersect(VoterSets a, VoterSets b) {
        if (a.outgoing.isEmpty() && b.outgoing.isEmpty()) {
            return SafetyMonitor.quorumsIntersect(a.voters, b.voters);
        }
        List<List<Integer>> sets = List.of(a.voters, a.outgoing, b.voters, b.outgoing);
        int[] classSize = new int[CLASSES];
        TreeSet<Integer> servers = new TreeSet<>();
        sets.forEach(servers::addAll);
        for (int server : servers) {
            int mask = 0;
            for (int set = 0; set < sets.size(); set++) {
                if (sets.get(set).contains(server)) {
                    mask |= 1 << set;
                }
            }
            classSize[mask]++;
        }
        int[] needed = new int[sets.size()];
        for (int set = 0; set < sets.size(); set++) {
            needed[set] = sets.get(set).isEmpty() ? 0 : sets.get(set).size() / 2 + 1;
        }
        return !disjointSplitExists(classSize, 1, new int[sets.size()], needed);
    }

    /** Whether the classes from {@code mask} on can be split so that each side gets the majorities it needs. */
    private static boolean disjointSplitExists(int[] classSize, int mask, int[] got, int[] needed) {
        if (mask == CLASSES) {
            // Sets 0 and 1 are A's, taken from the servers on side A; sets 2 and 3 are B's.
            for (int set = 0; set < got.length; set++) {
                if (got[set] < needed[set]) {
                    return false;
                }
            }
            return true;
        }
        int size = classSize[mask];
        for (int toA = 0; toA <= size; toA++) {
            int toB = size - toA;
            add(got, mask, toA, toB);
            boolean found = disjointSplitExists(classSize, mask + 1, got, needed);
            add(got, mask, -toA, -toB);
            if (found) {
                return true;
            }
        }
        return false;
    }

    private static void add(int[] got, int mask, int toA, int toB) {
        for (int set = 0; set < got.length; set++) {
            if ((mask & 1 << set) != 0) {
                got[set] += set < 2 ? toA : toB;
            }
        }
    }

    /** As a violation names it: {@code {n1,n2,n3}}, joint {@code {n4,n5,n6}&{n1,n2,n3}} (incoming, then outgoing). */
    String describe() {
        return outgoing.isEmpty() ? SafetyMonitor.names(voters) : SafetyMonitor.names(voters) + "&" + SafetyMonitor.names(outgoing);
    }
}
