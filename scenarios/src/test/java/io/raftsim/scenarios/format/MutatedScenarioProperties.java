package io.raftsim.scenarios.format;

import io.raftsim.scenarios.catalogue.Catalogue;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the scenario reader with mutated catalogue files (characters deleted, inserted or
 * replaced, values swapped for other JSON, files cut short): each either parses to a valid
 * scenario or is rejected with one {@link ScenarioException} line; nothing else escapes.
 * Traces and command lines get the same treatment in the command-line package:
 * {@code MutatedTraceProperties} and {@code MutatedArgumentProperties}.
 */
class MutatedScenarioProperties {
    private static final String[] SNIPPETS = {"-1", "1.5", "1e400", "null", "true", "\"n9\"", "\"leader\"", "[]", "{}", "\"\"",
            "9223372036854775808", "0", "\"rest\"", "[[\"rest\"],[\"rest\"]]", "\"\\u0000\"", ",", "}", "]", ":"};

    @Property(tries = 600)
    void mutatedScenariosParseOrFailWithOneLine(@ForAll("mutatedScenarios") String json) {
        try {
            Scenario scenario = ScenarioReader.parse(json, "mutated.json");
            assertTrue(scenario.nodes() >= 1 && scenario.nodes() <= ScenarioReader.MAX_NODES);
        } catch (ScenarioException e) {
            assertTrue(e.getMessage().startsWith("mutated.json"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Provide
    Arbitrary<String> mutatedScenarios() {
        Arbitrary<String> original = Arbitraries.of(Catalogue.NAMES).map(MutatedScenarioProperties::resource);
        return Combinators.combine(original, Arbitraries.integers().between(0, 4), Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(1, 40), Arbitraries.of(SNIPPETS))
                .as((text, kind, where, length, snippet) -> mutate(text, kind, (int) (where * text.length()), length, snippet));
    }

    private static String mutate(String text, int kind, int at, int length, String snippet) {
        int end = Math.min(text.length(), at + length);
        return switch (kind) {
            case 0 -> text.substring(0, at) + text.substring(end);                  // delete a run
            case 1 -> text.substring(0, at) + snippet + text.substring(at);          // insert
            case 2 -> text.substring(0, at) + snippet + text.substring(end);         // replace a run
            case 3 -> text.substring(0, at);                                         // truncate
            default -> text.replaceFirst(":\\s*[^,{\\[\\]}]+", ": " + snippet);      // swap the first value
        };
    }

    private static String resource(String name) {
        try (InputStream in = Catalogue.class.getResourceAsStream("/catalogue/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
