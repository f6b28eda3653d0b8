package io.raftsim.scenarios;

import java.util.TreeMap;
import io.raftsim.scenarios.catalogue.Catalogue;
import io.raftsim.scenarios.format.ImplementationChoice;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.format.ScenarioFiles;
import io.raftsim.scenarios.run.ScenarioResult;
import io.raftsim.scenarios.run.ScenarioRunner;
import io.raftsim.sim.trace.TraceSink;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The public entry point for running simulations from Java, e.g. in a user's own tests:
 * <pre>{@code
 * ScenarioResult result = Simulation.of("partition-healing").implementation("my-raft").seed(42).run();
 * assertTrue(result.passed(), result.toString());
 * }</pre>
 * A simulation is a scenario and a seed; the same pair gives the same run, event for event.
 */
public final class Simulation {
    private Scenario scenario;
    private long seed;
    private TraceSink trace = TraceSink.NONE;

    private Simulation(Scenario scenario) {
        this.scenario = Objects.requireNonNull(scenario, "scenario");
        this.seed = scenario.seed();
    }

    public static Simulation of(Scenario scenario) {
        return new Simulation(scenario);
    }

    /** A catalogue scenario by name ({@link Catalogue#NAMES}). */
    public static Simulation of(String catalogueName) {
        return new Simulation(Catalogue.load(catalogueName));
    }

    /** A scenario file. */
    public static Simulation of(Path scenarioFile) {
        return new Simulation(ScenarioFiles.read(scenarioFile));
    }

    /**
     * Runs another implementation (by the name it registers, {@code "microraft"}, or your own),
     * with its own settings, instead of the one the scenario names.
     */
    public Simulation implementation(String name, Map<String, String> settings) {
        this.scenario = scenario.withImplementation(ImplementationChoice.of(name, settings));
        return this;
    }

    public Simulation implementation(String name) {
        return implementation(name, new TreeMap<>());
    }

    public Simulation seed(long runSeed) {
        this.seed = runSeed;
        return this;
    }

    /** Where trace records go while the run goes (none by default). */
    public Simulation trace(TraceSink sink) {
        this.trace = Objects.requireNonNull(sink, "sink");
        return this;
    }

    public ScenarioResult run() {
        return ScenarioRunner.run(scenario, seed, trace);
    }

    public Scenario scenario() {
        return scenario;
    }

    public long seed() {
        return seed;
    }
}
