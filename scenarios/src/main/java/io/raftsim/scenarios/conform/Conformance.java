package io.raftsim.scenarios.conform;

import io.raftsim.harness.spi.Implementations;
import io.raftsim.harness.spi.PlantedMistake;
import io.raftsim.harness.spi.RaftImplementation;
import io.raftsim.scenarios.catalogue.Catalogue;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.run.Requirements;
import io.raftsim.scenarios.run.ScenarioResult;
import io.raftsim.scenarios.run.ScenarioRunner;
import io.raftsim.scenarios.sweep.SeedRange;
import io.raftsim.scenarios.sweep.Sweep;
import io.raftsim.scenarios.sweep.SweepSummary;
import io.raftsim.sim.determinism.ForbiddenApiScanner;
import io.raftsim.sim.trace.TraceSink;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@code raftsim conform IMPLEMENTATION} checks of an implementation: every catalogue
 * scenario it supports over a range of seeds (the others skipped, with the reason), the
 * random sweep, the same seed twice giving the same digest, the forbidden-API scan over its
 * own classes, and a negative control: a planted mistake the harness must catch. Each check
 * ends PASSED, FAILED or SKIPPED; a failure carries the command that replays it.
 */
public final class Conformance {
    /** How a check ended. SKIPPED is not a pass: it says what was not checked, and why. */
    public enum Status { PASSED, FAILED, SKIPPED }

    /** One row of the table. */
    public record Check(String name, Status status, String detail, String replay) {
    }

    /**
     * @param catalogueSeeds seeds 1..N of each catalogue scenario
     * @param sweepSeeds     seeds 1..N of the random scenario
     * @param twiceSeeds     seeds 1..N of the random scenario run twice, digests compared
     * @param controlSeeds   at most this many seeds of the random scenario with the negative control planted
     */
    public record Options(String implementation, Map<String, String> settings, int catalogueSeeds, int sweepSeeds, int twiceSeeds,
                          int controlSeeds, int threads, String group) {
        public Options {
            settings = new TreeMap<>(settings);
        }

        /** Every check, the whole catalogue. */
        public Options(String implementation, Map<String, String> settings, int catalogueSeeds, int sweepSeeds, int twiceSeeds,
                       int controlSeeds, int threads) {
            this(implementation, settings, catalogueSeeds, sweepSeeds, twiceSeeds, controlSeeds, threads, null);
        }
    }

    private final Options options;
    private final RaftImplementation<?> implementation;

    public Conformance(Options options) {
        this.options = options;
        this.implementation = Implementations.named(options.implementation());
    }

    /**
     * The checks; with a group, only that group's catalogue scenarios (a course's tests, say),
     * without the random sweep, the digest check, the scan and the negative control.
     */
    public List<Check> run() {
        List<Check> checks = new ArrayList<>();
        if (options.group() != null) {
            for (String name : Catalogue.group(options.group())) {
                checks.add(catalogue(name));
            }
            return checks;
        }
        for (String name : Catalogue.NAMES) {
            if (!name.equals("random")) {
                checks.add(catalogue(name));
            }
        }
        checks.add(sweep());
        checks.add(twice());
        checks.add(scan());
        checks.add(negativeControl());
        return checks;
    }

    private Scenario scenario(String name) {
        Scenario scenario = Catalogue.load(name);
        return scenario.withImplementation(scenario.implementation().with(options.implementation(), options.settings()));
    }

    /** The command line that runs {@code name} with this implementation. */
    public String command(String verb, String name) {
        StringBuilder text = new StringBuilder("./raftsim ").append(verb).append(' ').append(name);
        if (!options.implementation().equals(Implementations.DEFAULT)) {
            text.append(" --set implementation=").append(options.implementation());
        }
        options.settings().forEach((key, value) -> text.append(" --set implementationSettings.").append(key).append('=').append(value));
        return text.toString();
    }

    private Check catalogue(String name) {
        Scenario scenario = scenario(name);
        List<String> missing = Requirements.missing(scenario);
        if (!missing.isEmpty()) {
            return new Check(name, Status.SKIPPED, missing.get(0), null);
        }
        return summarize(name, name, scenario, options.catalogueSeeds());
    }

    private Check sweep() {
        return summarize("random sweep", "random", scenario("random"), options.sweepSeeds());
    }

    private Check summarize(String check, String name, Scenario scenario, int seeds) {
        SweepSummary summary = Sweep.run(scenario, new SeedRange(1, seeds, 1, 1), options.threads(), done -> { });
        if (summary.failed() == 0) {
            return new Check(check, Status.PASSED, summary.passed() + " of " + summary.runs() + " seeds passed", null);
        }
        SweepSummary.Failure first = summary.failures().get(0);
        return new Check(check, Status.FAILED, summary.failed() + " of " + summary.runs() + " seeds failed; first: seed " + first.seed() + ", "
                + first.outcome() + (first.property() == null ? "" : " (" + first.property() + ")") + ": " + first.message(),
                command("run", name) + " --seed " + first.seed());
    }

    private Check twice() {
        Scenario scenario = scenario("random");
        for (long seed = 1; seed <= options.twiceSeeds(); seed++) {
            ScenarioResult first = ScenarioRunner.run(scenario, seed);
            ScenarioResult second = ScenarioRunner.run(scenario, seed);
            if (first.run().digest() != second.run().digest() || first.run().steps() != second.run().steps()) {
                return new Check("same seed, same run", Status.FAILED, "seed " + seed + " ran twice: digests " + first.run().digestHex() + " and "
                        + second.run().digestHex() + ", " + first.run().steps() + " and " + second.run().steps() + " steps",
                        command("run", "random") + " --seed " + seed);
            }
        }
        return new Check("same seed, same run", Status.PASSED, options.twiceSeeds() + " seeds of random ran twice in one JVM with equal digests", null);
    }

    private Check scan() {
        Set<String> neutralised = new TreeSet<>();
        List<String> unexplained = new ArrayList<>();
        int roots = 0;
        Set<String> seen = new TreeSet<>();
        for (Class<?> type : implementation.scannedClasses()) {
            Path root = ForbiddenApiScanner.codeSource(type);
            // The launcher runs one jar holding every library (picocli, Jackson, slf4j...): only the
            // scanned class's package and those below it are the implementation's code.
            String packagePrefix = type.getPackageName() + ".";
            if (!seen.add(root + "!" + packagePrefix)) {
                continue;
            }
            roots++;
            for (ForbiddenApiScanner.Violation violation : ForbiddenApiScanner.scan(root, className -> className.startsWith(packagePrefix))) {
                String how = implementation.neutralisedNondeterminism().get(violation.api());
                if (how != null) {
                    neutralised.add(violation.api() + " (" + how + ")");
                } else {
                    unexplained.add(violation.toString());
                }
            }
        }
        if (!unexplained.isEmpty()) {
            return new Check("determinism scan", Status.FAILED, unexplained.size() + " forbidden API uses: " + String.join("; ", unexplained), null);
        }
        return new Check("determinism scan", Status.PASSED, roots + (roots == 1 ? " code root clean" : " code roots clean") + (neutralised.isEmpty() ? ""
                : "; neutralised: " + String.join("; ", neutralised)), null);
    }

    private Check negativeControl() {
        String name = implementation.negativeControl();
        PlantedMistake mistake = name == null ? null : implementation.plantableMistake(name);
        if (mistake == null) {
            return new Check("negative control", Status.SKIPPED, implementation.name() + " names no plantable mistake", null);
        }
        Scenario scenario = scenario("random");
        for (long seed = 1; seed <= options.controlSeeds(); seed++) {
            ScenarioResult result = ScenarioRunner.run(scenario, seed, TraceSink.NONE, new TreeSet<>(List.of(name)));
            if (result.outcome().failed() && mistake.caughtAs(result.property())) {
                return new Check("negative control", Status.PASSED, name + " caught at seed " + seed + " as " + result.property(), null);
            }
        }
        return new Check("negative control", Status.FAILED, name + " (" + mistake.description() + ") not caught as " + mistake.expectedProperty()
                + " in " + options.controlSeeds() + " seeds", command("sweep", "random") + " --seeds 1.." + options.controlSeeds() + " --bug " + name);
    }
}
