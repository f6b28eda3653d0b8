package io.raftsim.scenarios.format;

import io.raftsim.harness.spi.Implementations;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which Raft a scenario runs ({@code "implementation"}) and that implementation's own
 * settings ({@code "implementationSettings"}), validated by the implementation itself.
 */
public record ImplementationChoice(String name, SortedMap<String, String> settings) {
    public static final ImplementationChoice DEFAULT = new ImplementationChoice(Implementations.DEFAULT, new TreeMap<>());

    public ImplementationChoice {
        settings = Collections.unmodifiableSortedMap(new TreeMap<>(settings));
    }

    public static ImplementationChoice of(String name, Map<String, String> settings) {
        return new ImplementationChoice(name, new TreeMap<>(settings));
    }

    public boolean isDefault() {
        return equals(DEFAULT);
    }
}
