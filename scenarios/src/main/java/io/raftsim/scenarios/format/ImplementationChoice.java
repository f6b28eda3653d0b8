package io.raftsim.scenarios.format;

import io.raftsim.harness.spi.Feature;
import io.raftsim.harness.spi.Implementations;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which Raft a scenario runs ({@code "implementation"}), that implementation's own settings
 * ({@code "implementationSettings"}, validated by the implementation itself), and the features
 * the scenario declares it needs beyond those its settings imply ({@code "requires"}: a
 * condition that only holds with exact timing, say).
 */
public record ImplementationChoice(String name, SortedMap<String, String> settings, SortedSet<Feature> requires) {
    public static final ImplementationChoice DEFAULT = new ImplementationChoice(Implementations.DEFAULT, new TreeMap<>(), new TreeSet<>());

    public ImplementationChoice {
        settings = Collections.unmodifiableSortedMap(new TreeMap<>(settings));
        requires = Collections.unmodifiableSortedSet(new TreeSet<>(requires));
    }

    public static ImplementationChoice of(String name, Map<String, String> settings) {
        return new ImplementationChoice(name, new TreeMap<>(settings), new TreeSet<>());
    }

    /** Another implementation for the same scenario: what the scenario requires stays. */
    public ImplementationChoice with(String otherName, Map<String, String> otherSettings) {
        return new ImplementationChoice(otherName, new TreeMap<>(otherSettings), requires);
    }

    public boolean isDefault() {
        return equals(DEFAULT);
    }
}
