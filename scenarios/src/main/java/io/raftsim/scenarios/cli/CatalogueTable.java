package io.raftsim.scenarios.cli;

import io.raftsim.scenarios.catalogue.Catalogue;
import io.raftsim.scenarios.format.Expectation;
import io.raftsim.scenarios.format.Scenario;

import java.util.stream.Collectors;

/** The catalogue as the README's Markdown table ({@code raftsim list --markdown}): name, first sentence, expect conditions. */
final class CatalogueTable {
    private CatalogueTable() {
    }

    static String markdown() {
        StringBuilder out = new StringBuilder("| scenario | what it shows | expects |\n|---|---|---|\n");
        for (String name : Catalogue.NAMES) {
            Scenario scenario = Catalogue.load(name);
            out.append("| `").append(name).append("` | ").append(cell(ListCommand.firstSentence(scenario.description()))).append(" | ")
                    .append(cell(scenario.expect().stream().map(Expectation::key).collect(Collectors.joining(", ")))).append(" |\n");
        }
        return out.toString();
    }

    /** A table cell: a pipe would end it, a newline the row. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace('\n', ' ');
    }
}
