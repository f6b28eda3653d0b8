package io.raftsim.scenarios.sweep;

import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.run.ScenarioResult;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;

/**
 * Runs a scenario over a range of seeds on several threads. Each run is single-threaded
 * and deterministic; threads only take the next seed and keep a summary of their own, and
 * summaries merge commutatively, so the result is the same whatever the thread count.
 * This is the one place outside the command line where threads are allowed: it runs
 * simulations side by side, never inside one.
 */
public final class Sweep {
    private Sweep() {
    }

    /**
     * @param runOne   runs one seed (a scenario, a seed, planted bugs: the caller decides)
     * @param progress told the count of finished runs after each run (from worker threads)
     */
    public static SweepSummary run(SeedRange seeds, int threads, LongFunction<ScenarioResult> runOne, LongConsumer progress) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        long total = seeds.size();
        AtomicLong next = new AtomicLong();
        AtomicLong done = new AtomicLong();
        AtomicReference<Throwable> crash = new AtomicReference<>();
        List<SweepSummary> parts = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            SweepSummary part = new SweepSummary();
            parts.add(part);
            Thread worker = new Thread(() -> {
                try {
                    for (long i = next.getAndIncrement(); i < total && crash.get() == null; i = next.getAndIncrement()) {
                        part.add(runOne.apply(seeds.seed(i)));
                        progress.accept(done.incrementAndGet());
                    }
                } catch (RuntimeException | Error e) {
                    crash.compareAndSet(null, e);
                }
            }, "sweep-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("sweep interrupted", e);
            }
        }
        if (crash.get() != null) {
            throw new IllegalStateException("a sweep run crashed: " + crash.get(), crash.get());
        }
        SweepSummary summary = new SweepSummary();
        parts.forEach(summary::merge);
        return summary;
    }

    /** Runs {@code scenario} on every seed of the range. */
    public static SweepSummary run(Scenario scenario, SeedRange seeds, int threads, LongConsumer progress) {
        return run(seeds, threads, seed -> io.raftsim.scenarios.run.ScenarioRunner.run(scenario, seed), progress);
    }
}
