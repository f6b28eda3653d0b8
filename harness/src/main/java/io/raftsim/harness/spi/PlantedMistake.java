package io.raftsim.harness.spi;

import java.util.List;

/**
 * A known mistake an implementation can plant in itself for tests of the checks: a
 * negative control the harness must catch.
 *
 * @param name             the name a run plants it by ({@code --bug NAME})
 * @param description      the mistake, in one line
 * @param expectedProperty the property the checks report when they catch it: a safety property's
 *                         display name, "Linearizability", "Liveness" or an efficiency property
 * @param alsoCaughtAs     other properties whose failure also catches it (a leader without a true
 *                         majority may break Leader Completeness before Election Safety)
 * @param exposedBy        the fault pattern that exposes it, in one line
 */
public record PlantedMistake(String name, String description, String expectedProperty, List<String> alsoCaughtAs, String exposedBy) {
    public PlantedMistake {
        alsoCaughtAs = List.copyOf(alsoCaughtAs);
    }

    /** Whether a failure of {@code property} catches this mistake. */
    public boolean caughtAs(String property) {
        return expectedProperty.equals(property) || alsoCaughtAs.contains(property);
    }
}
