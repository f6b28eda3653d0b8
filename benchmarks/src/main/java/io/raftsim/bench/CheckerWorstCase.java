package io.raftsim.bench;

import io.raftsim.harness.cluster.Cluster;
import io.raftsim.harness.kv.Get;
import io.raftsim.harness.kv.KvResult;
import io.raftsim.harness.kv.Put;
import io.raftsim.harness.linearizability.CheckResult;
import io.raftsim.harness.linearizability.LinearizabilityChecker;
import io.raftsim.harness.linearizability.Operation;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * The worst case of one key for the linearizability checker: {@code PUTS} concurrent puts and
 * then a read of a value nobody wrote, so no order works and the search can only end by
 * spending its whole budget (with 30 puts, 2^30 linearized sets are far more than any budget
 * here). Prints the steps, the wall time and the heap the memo took, which bound what one key
 * of a real run can cost. Usage: {@code CheckerWorstCase [PUTS] [STEPS_PER_KEY]}, by default 30
 * puts and {@link Cluster#LINEARIZABILITY_SEARCH_STEPS_PER_KEY}.
 */
public final class CheckerWorstCase {
    private CheckerWorstCase() {
    }

    public static void main(String[] args) {
        int puts = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        long budget = args.length > 1 ? Long.parseLong(args[1]) : Cluster.LINEARIZABILITY_SEARCH_STEPS_PER_KEY;
        List<Operation> history = new ArrayList<>();
        for (int i = 0; i < puts; i++) {
            history.add(new Operation(i, i, new Put("x", "v" + i), 0, 1_000, KvResult.done()));
        }
        history.add(new Operation(puts, puts, new Get("x"), 2_000, 2_010, KvResult.read("nobody wrote this")));
        Runtime runtime = Runtime.getRuntime();
        runtime.gc();
        long heapBefore = runtime.totalMemory() - runtime.freeMemory();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long startCpuNanos = threads.getCurrentThreadCpuTime();
        long startNanos = System.nanoTime();
        CheckResult result = LinearizabilityChecker.check(history, budget);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        // CPU time too: on a shared machine the wall time measures the neighbours as much as the search.
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - startCpuNanos) / 1e9;
        long heapAfter = runtime.totalMemory() - runtime.freeMemory();
        System.out.printf("%d concurrent puts and an impossible read, budget %,d steps per key: %s, %,d steps, %.1f s CPU, %.1f s wall,"
                        + " heap grew by about %d MB (max heap %d MB)%n",
                puts, budget, result.status(), result.searchSteps(), cpuSeconds, seconds, (heapAfter - heapBefore) >> 20, runtime.maxMemory() >> 20);
    }
}
