package io.raftsim.scenarios.catalogue;

import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.sweep.SeedRange;
import io.raftsim.scenarios.sweep.Sweep;
import io.raftsim.scenarios.sweep.SweepSummary;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every catalogue scenario passes, with every {@code expect} condition reached, on 200 seeds. */
class CatalogueTest {
    static final int SEEDS = 200;

    static List<String> names() {
        return Catalogue.NAMES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void passesOnEverySeed(String name) {
        Scenario scenario = Catalogue.load(name);
        SweepSummary summary = Sweep.run(scenario, new SeedRange(1, SEEDS, 1, 1), 2, done -> { });
        assertEquals(SEEDS, summary.runs());
        assertEquals(SEEDS, summary.passed(), () -> name + " failed on " + summary.failed() + " seeds and was undecided on " + summary.undecided()
                + ", first: " + summary.failures().subList(0, Math.min(5, summary.failures().size())));
        for (var expectation : scenario.expect()) {
            assertEquals(SEEDS, summary.expectationsReached().getOrDefault(expectation.key(), 0L), expectation.key());
        }
    }
}
