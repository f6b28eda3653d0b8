package io.raftsim.scenarios.cli;

import io.raftsim.scenarios.catalogue.Catalogue;
import io.raftsim.scenarios.format.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code raftsim list}: the catalogue, one line each. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the built-in scenarios.")
final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--markdown", description = "Print the catalogue as the README's Markdown table.")
    boolean markdown;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (markdown) {
            out.print(CatalogueTable.markdown());
            out.flush();
            return ExitCode.PASSED;
        }
        int width = Catalogue.NAMES.stream().mapToInt(String::length).max().orElse(10);
        for (String name : Catalogue.NAMES) {
            Scenario scenario = Catalogue.load(name);
            out.printf("%-" + width + "s  %s%n", name, firstSentence(scenario.description()));
        }
        out.flush();
        return ExitCode.PASSED;
    }

    static String firstSentence(String text) {
        int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end + 1);
    }
}
