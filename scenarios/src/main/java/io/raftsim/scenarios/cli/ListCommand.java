package io.raftsim.scenarios.cli;

import io.raftsim.scenarios.catalogue.Catalogue;
import io.raftsim.scenarios.format.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code raftsim list}: the catalogue, one line each. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the built-in scenarios.")
final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int width = Catalogue.NAMES.stream().mapToInt(String::length).max().orElse(10);
        for (String name : Catalogue.NAMES) {
            Scenario scenario = Catalogue.load(name);
            out.printf("%-" + width + "s  %s%n", name, firstSentence(scenario.description()));
        }
        out.flush();
        return ExitCode.PASSED;
    }

    private static String firstSentence(String text) {
        int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end + 1);
    }
}
