package io.raftsim.scenarios.run;

import io.raftsim.harness.cluster.ClusterOutcome;
import io.raftsim.harness.cluster.Verdict;
import io.raftsim.harness.kv.Get;
import io.raftsim.harness.kv.KvResult;
import io.raftsim.harness.kv.Put;
import io.raftsim.harness.linearizability.CheckResult;
import io.raftsim.harness.linearizability.LinearizabilityChecker;
import io.raftsim.harness.linearizability.Operation;
import io.raftsim.scenarios.catalogue.Catalogue;

import java.util.ArrayList;
import java.util.List;

/**
 * Undecided runs for the tests of what shows them (run, sweep, merge, shrink). No real
 * scenario leaves its history undecided at the default budget (that is the point of the
 * budget), so a real run is judged again as if its check had met the masking history of
 * issue 11: key "a" too hard for a budget of 1,000 steps.
 */
public final class UndecidedRuns {
    private UndecidedRuns() {
    }

    /** The check of twelve concurrent puts to "a" and a read of the one the search tries first, at 1,000 steps per key. */
    public static CheckResult hardKeyCheck() {
        List<Operation> history = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            history.add(new Operation(i, i, new Put("a", "v" + i), 0, 1_000, KvResult.done()));
        }
        history.add(new Operation(12, 20, new Get("a"), 2_000, 2_010, KvResult.read("v0")));
        CheckResult check = LinearizabilityChecker.check(history, 1_000);
        if (check.status() != CheckResult.Status.UNDECIDED) {
            throw new AssertionError("the hard key must be undecided at 1,000 steps: " + check.describe());
        }
        return check;
    }

    /** The catalogue scenario's run with {@code seed}, judged UNDECIDED as the cluster would judge that check. */
    public static ScenarioResult undecided(String scenario, long seed) {
        ScenarioResult real = ScenarioRunner.run(Catalogue.load(scenario), seed);
        String message = "the linearizability search ran out of steps: " + hardKeyCheck().describe();
        ClusterOutcome cluster = new ClusterOutcome(Verdict.UNDECIDED, "Linearizability", message, real.run(), real.clusterStats());
        return new ScenarioResult(real.scenario(), seed, Outcome.of(Verdict.UNDECIDED), "Linearizability", message, cluster,
                real.expectations(), real.stats());
    }
}
