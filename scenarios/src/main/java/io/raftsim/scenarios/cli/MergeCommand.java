package io.raftsim.scenarios.cli;

import io.raftsim.scenarios.format.ScenarioException;
import io.raftsim.reports.io.AtomicFile;
import io.raftsim.scenarios.sweep.SweepHtml;
import io.raftsim.scenarios.sweep.SweepJson;
import io.raftsim.scenarios.sweep.SweepSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code raftsim merge SUMMARY...}: shard summaries of one sweep, merged into the summary of the whole range. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merge the --json summaries of the shards of one sweep into one summary, equal to the unsharded sweep's.")
final class MergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SUMMARY", arity = "1..*", description = "Summaries written by 'raftsim sweep ... --shard K/N --json'.")
    List<Path> files;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the merged summary as an HTML page, as 'sweep --html' does.")
    Path html;

    @Override
    public Integer call() {
        OutputPaths.check(html, "--html");
        SweepSummary merged = new SweepSummary();
        SweepJson.Header whole = null;
        java.util.TreeMap<Integer, Path> shards = new java.util.TreeMap<>();
        int shardCount = 0;
        for (Path file : files) {
            SweepJson.Header[] header = {null};
            SweepSummary part = SweepJson.read(file, read -> header[0] = read);
            java.util.regex.Matcher shard = java.util.regex.Pattern.compile(" shard ([0-9]+)/([0-9]+)$").matcher(header[0].seeds());
            int k = 1;
            int n = 1;
            if (shard.find()) {
                k = Integer.parseInt(shard.group(1));
                n = Integer.parseInt(shard.group(2));
            }
            if (shardCount != 0 && n != shardCount) {
                throw new ScenarioException(file + ": seeds: shard " + k + "/" + n + " does not split the range as the other summaries do (into " + shardCount + ")");
            }
            shardCount = n;
            Path earlier = shards.put(k, file);
            if (earlier != null) {
                throw new ScenarioException(file + ": seeds: shard " + k + "/" + n + " is also in " + earlier + "; each shard once");
            }
            SweepJson.Header unsharded = new SweepJson.Header(header[0].scenario(), header[0].seeds().replaceAll(" shard [0-9]+/[0-9]+$", ""),
                    header[0].replayTemplate(), header[0].scenarioHash(), header[0].build());
            if (whole != null && !whole.scenarioHash().equals(unsharded.scenarioHash())) {
                throw new ScenarioException(file + ": scenarioHash: " + unsharded.scenarioHash() + " is not the scenario of the other summaries ("
                        + whole.scenarioHash() + "): the scenario file or its --set changed between shards; run every shard of one scenario");
            }
            if (whole != null && !whole.build().equals(unsharded.build())) {
                throw new ScenarioException(file + ": build: " + unsharded.build().describe() + " is not the build of the other summaries ("
                        + whole.build().describe() + "); run every shard with one build");
            }
            if (whole != null && !whole.equals(unsharded)) {
                throw new ScenarioException(file + ": scenario: " + unsharded.scenario() + " " + unsharded.seeds()
                        + " is not the sweep of the other summaries (" + whole.scenario() + " " + whole.seeds() + ")");
            }
            whole = unsharded;
            if (merged.steps() > Long.MAX_VALUE - part.steps()) {
                throw new ScenarioException(file + ": steps: " + part.steps() + " more steps overflow the total of the other summaries");
            }
            merged.merge(part);
        }
        if (shards.size() != shardCount) {
            java.util.List<Integer> missing = new java.util.ArrayList<>();
            for (int k = 1; k <= shardCount; k++) {
                if (!shards.containsKey(k)) {
                    missing.add(k);
                }
            }
            throw new ScenarioException("merge: shards " + missing + " of " + shardCount + " are missing; a merge needs every shard of the range");
        }
        spec.commandLine().getOut().println(Summary.JSON.writeValueAsString(SweepJson.write(whole, merged)));
        spec.commandLine().getOut().flush();
        if (html != null) {
            AtomicFile.write(html, SweepHtml.page(whole, merged));
        }
        return SweepCommand.exitCode(merged);
    }
}
