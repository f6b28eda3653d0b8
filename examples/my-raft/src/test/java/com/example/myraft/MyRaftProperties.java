package com.example.myraft;

import io.raftsim.scenarios.Simulation;
import io.raftsim.scenarios.catalogue.Catalogue;
import io.raftsim.scenarios.run.Requirements;
import io.raftsim.scenarios.run.ScenarioResult;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every catalogue scenario my-raft supports passes whatever the seed: Figure 3's safety
 * properties after every step, linearizable client histories, a live cluster once faults
 * heal, and each scenario's own expectations. jqwik shrinks a failing seed toward a small one
 * and the message carries the command that replays it.
 */
class MyRaftProperties {
    /** The catalogue scenarios my-raft can run: those needing a feature it lacks are left out. */
    static List<String> supportedScenarios() {
        return Catalogue.NAMES.stream()
                .filter(name -> Requirements.missing(Simulation.of(name).implementation("my-raft").scenario()).isEmpty())
                .toList();
    }

    @Provide
    Arbitrary<String> supported() {
        return Arbitraries.of(supportedScenarios());
    }

    @Property(tries = 15)
    void everySupportedScenarioPassesAtAnySeed(@ForAll("supported") String scenario, @ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        ScenarioResult result = Simulation.of(scenario).implementation("my-raft").seed(seed).run();
        assertTrue(result.passed(), () -> result + "\nreplay: ./raftsim run " + scenario + " --set implementation=my-raft --seed " + seed);
    }

    @Property(tries = 1)
    void theSupportedScenariosAreTheFigure2Ones(@ForAll("supported") String any) {
        List<String> supported = supportedScenarios();
        assertTrue(supported.containsAll(List.of("election-basic", "log-replication", "partition-healing", "crash-churn", "random")), supported::toString);
        assertFalse(supported.contains("figure-8"), "figure-8 needs PreVote and a preloaded state");
    }
}
