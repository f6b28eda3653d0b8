package io.raftsim.scenarios.arbitraries;

import io.raftsim.scenarios.Simulation;
import io.raftsim.scenarios.format.FaultStep;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.format.ScenarioWriter;
import io.raftsim.scenarios.run.Outcome;
import io.raftsim.scenarios.run.ScenarioResult;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The project's own properties over the public arbitraries: the example the docs show. */
class GeneratedScenarioProperties {
    @Property(tries = 100)
    void raftIsSafeLiveAndLinearizableUnderGeneratedFaults(@ForAll("scenarios") Scenario scenario, @ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        ScenarioResult result = Simulation.of(scenario).seed(seed).run();
        assertEquals(Outcome.PASSED, result.outcome(), () -> result + "\nscenario:\n" + ScenarioWriter.toJson(scenario));
    }

    @Property(tries = 200)
    void generatedSchedulesStayInsideTheRunAndNameOnlyExistingServers(@ForAll("schedules") List<FaultStep> steps) {
        for (FaultStep step : steps) {
            assertTrue(step.atMicros() >= 0 && step.atMicros() <= 4_000_000, step.toString());
        }
        Scenario scenario = Simulation.of("election-basic").scenario().withFaults(steps);
        // Writing and reading back validates every server name against the 3-node cluster.
        assertEquals(scenario, io.raftsim.scenarios.format.ScenarioReader.parse(ScenarioWriter.toJson(scenario.withDurationMs(4_000)), "generated")
                .withDurationMs(scenario.durationMs()));
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return ScenarioArbitraries.scenarios(5, 4_000);
    }

    @Provide
    Arbitrary<List<FaultStep>> schedules() {
        return ScenarioArbitraries.faultSchedules(3, 4_000);
    }
}
