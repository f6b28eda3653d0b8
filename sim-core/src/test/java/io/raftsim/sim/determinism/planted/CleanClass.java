package io.raftsim.sim.determinism.planted;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Deterministic code that looks close to the forbidden APIs and must produce no violation:
 * LinkedHashMap extends HashMap, records hash their fields, lambdas compile to invokedynamic, and a
 * Set subtype declares its own of(). The long, double, int and float constants give its constant
 * pool every numeric entry kind.
 */
final class CleanClass {

    enum Role { FOLLOWER, LEADER }

    record Entry(String key, long term) { }

    /** A Set subtype with its own static of(): static interface methods are not inherited from Set. */
    interface Quorum extends Set<String> {
        static SortedSet<String> of(String... members) {
            return new TreeSet<>(List.of(members));
        }
    }

    private final Map<String, Long> byKey = new TreeMap<>();
    private final Map<String, Long> inArrival = new LinkedHashMap<>();
    private final Map<Role, Integer> byRole = new EnumMap<>(Role.class);

    List<Entry> entries(long seed, double jitter, float weight) {
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry("a", seed * 6_364_136_223_846_793_005L));
        entries.add(new Entry("b", Math.abs((long) (jitter * 2.718281828) + 100_000)));
        entries.add(new Entry("c", (long) (weight * 0.25f)));
        entries.forEach(entry -> byKey.put(entry.key(), entry.term()));
        inArrival.putAll(byKey);
        byRole.merge(Role.LEADER, 1, Integer::sum);
        return entries;
    }

    String describe(Role role) {
        StringBuilder text = new StringBuilder();
        switch (role) {
            case LEADER -> text.append("leader");
            case FOLLOWER -> text.append("follower");
        }
        return text.append(' ').append(new TreeSet<>(byKey.keySet())).append(new LinkedHashSet<>(inArrival.keySet()))
                .toString();
    }

    SortedSet<String> quorum() {
        return Quorum.of("n1", "n2", "n3");
    }

    List<String> sortedKeys() {
        return byKey.keySet().stream().sorted().collect(Collectors.toList());
    }
}
