package io.raftsim.scenarios.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Settings Raft allows but that are rarely meant: the reader accepts them and the command
 * line prints one warning line each, naming the option that silences it
 * ({@code --accept NAME}). What Raft forbids is refused by {@link ScenarioReader} instead.
 */
public enum ScenarioWarning {
    /**
     * {@code electionTimeoutMs.min == max}: randomized timeouts are what end split votes
     * (§5.2); the paper's Figure 16 (§9.3) shows elections dragging on without them.
     */
    FIXED_ELECTION_TIMEOUT {
        @Override
        boolean applies(Scenario scenario) {
            return scenario.raft().electionTimeoutMinMs() == scenario.raft().electionTimeoutMaxMs();
        }

        @Override
        String problem(Scenario scenario) {
            return "raft.electionTimeoutMs: min = max = " + scenario.raft().electionTimeoutMinMs()
                    + " ms turns off the randomized timeouts that end split votes (§5.2, §9.3); elections may never settle";
        }
    };

    abstract boolean applies(Scenario scenario);

    abstract String problem(Scenario scenario);

    /** The name {@code --accept} takes, e.g. {@code fixed-election-timeout}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The warning line, ending with how to silence it. */
    public String message(Scenario scenario) {
        return problem(scenario) + " (if you mean it: --accept " + optionName() + ")";
    }

    /** The warnings a scenario earns, in declaration order. */
    public static List<ScenarioWarning> of(Scenario scenario) {
        List<ScenarioWarning> warnings = new ArrayList<>();
        for (ScenarioWarning warning : values()) {
            if (warning.applies(scenario)) {
                warnings.add(warning);
            }
        }
        return warnings;
    }

    /** Parses an {@code --accept} value: {@code fixed-election-timeout} (or the enum name). */
    public static ScenarioWarning parse(String name) {
        for (ScenarioWarning warning : values()) {
            if (warning.optionName().equals(name) || warning.name().equals(name)) {
                return warning;
            }
        }
        List<String> names = new ArrayList<>();
        for (ScenarioWarning warning : values()) {
            names.add(warning.optionName());
        }
        throw new ScenarioException("--accept: \"" + name + "\" is not a warning; one of " + String.join(", ", names));
    }
}
