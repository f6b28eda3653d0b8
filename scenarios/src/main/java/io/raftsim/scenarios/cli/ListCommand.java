package io.raftsim.scenarios.cli;

import io.raftsim.scenarios.catalogue.Catalogue;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.format.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code raftsim list}: the catalogue, one line each. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the built-in scenarios.")
final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--markdown", description = "Print the catalogue as the README's Markdown table.")
    boolean markdown;

    @Option(names = "--group", paramLabel = "GROUP", description = "Only the scenarios of a group: course (one per test of MIT 6.824's Raft lab).")
    String group;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (markdown) {
            if (group != null) {
                throw new ScenarioException("--markdown: the README's table is the whole catalogue; give it without --group");
            }
            out.print(CatalogueTable.markdown());
            out.flush();
            return ExitCode.PASSED;
        }
        List<String> names = group == null ? Catalogue.NAMES : Catalogue.group(group);
        int width = names.stream().mapToInt(String::length).max().orElse(10);
        for (String name : names) {
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
