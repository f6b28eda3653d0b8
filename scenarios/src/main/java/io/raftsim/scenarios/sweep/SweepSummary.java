package io.raftsim.scenarios.sweep;

import io.raftsim.scenarios.run.ExpectationResult;
import io.raftsim.scenarios.run.Outcome;
import io.raftsim.scenarios.run.ScenarioResult;
import io.raftsim.scenarios.run.SwarmDraw;
import io.raftsim.scenarios.run.SwarmOption;
import io.raftsim.sim.random.RandomStream;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What a sweep found, built so that merging is commutative and associative: counts add,
 * histograms add, failures are kept as the {@link #MAX_FAILURES_KEPT} lowest seeds, and the
 * runs' digests combine by addition. So the summary does not depend on the thread count or
 * the order runs finished in, and a merge of shard summaries equals the unsharded summary.
 */
public final class SweepSummary {
    public static final int MAX_FAILURES_KEPT = 100;

    /** One seed that did not pass: a failure, or an undecided run (listed alike, with its replay command). */
    public record Failure(long seed, Outcome outcome, String property, String message) {
    }

    private long runs;
    private long steps;
    private long combinedDigest;
    private final TreeMap<Outcome, Long> outcomes = new TreeMap<>();
    private final TreeMap<String, Long> expectationsReached = new TreeMap<>();
    private final TreeMap<Long, Long> electionsPerRun = new TreeMap<>();
    private final TreeMap<Long, Long> highestTermPerRun = new TreeMap<>();
    private final TreeMap<Long, Failure> failures = new TreeMap<>();
    // The efficiency checks' measurements, per quiet leader change or quiet leader interval (not per run).
    private final TreeMap<Long, Long> leaderRecoveryMs = new TreeMap<>();
    private final TreeMap<Long, Long> electionsPerLeaderChange = new TreeMap<>();
    private final TreeMap<Long, Long> messagesPerEntry = new TreeMap<>();
    /** Runs in which each drawn option was on (swarm draws, SwarmDraw); empty when the scenario draws none. */
    private final TreeMap<SwarmOption, Long> optionsOn = new TreeMap<>();

    public void add(ScenarioResult result) {
        runs++;
        steps += result.run().steps();
        combinedDigest += RandomStream.mix64(result.seed() * 0x9E3779B97F4A7C15L ^ result.run().digest());
        outcomes.merge(result.outcome(), 1L, Long::sum);
        java.util.TreeSet<String> reached = new java.util.TreeSet<>();
        for (ExpectationResult expectation : result.expectations()) {
            if (expectation.reached()) {
                reached.add(expectation.expectation().key());
            }
        }
        reached.forEach(key -> expectationsReached.merge(key, 1L, Long::sum)); // a condition listed twice counts once
        electionsPerRun.merge(result.stats().elections(), 1L, Long::sum);
        highestTermPerRun.merge(result.stats().highestTerm(), 1L, Long::sum);
        for (long micros : result.stats().efficiency().leaderRecoveryMicros()) {
            leaderRecoveryMs.merge(micros / 1000, 1L, Long::sum);
        }
        result.stats().efficiency().electionsPerLeaderChange().forEach(terms -> electionsPerLeaderChange.merge(terms, 1L, Long::sum));
        result.stats().efficiency().messagesPerEntryTenths().forEach(tenths -> messagesPerEntry.merge(tenths / 10, 1L, Long::sum));
        // Re-drawn from the scenario as written and the seed: a handful of draws, nothing carried in the result.
        SwarmDraw.of(result.scenario(), result.seed()).on().forEach(option -> optionsOn.merge(option, 1L, Long::sum));
        if (result.outcome().failed()) {
            addFailure(new Failure(result.seed(), result.outcome(), result.property(), result.message()));
        }
    }

    private void addFailure(Failure failure) {
        failures.put(failure.seed(), failure);
        if (failures.size() > MAX_FAILURES_KEPT) {
            failures.pollLastEntry();
        }
    }

    public void merge(SweepSummary other) {
        runs += other.runs;
        steps += other.steps;
        combinedDigest += other.combinedDigest;
        other.outcomes.forEach((k, v) -> outcomes.merge(k, v, Long::sum));
        other.expectationsReached.forEach((k, v) -> expectationsReached.merge(k, v, Long::sum));
        other.electionsPerRun.forEach((k, v) -> electionsPerRun.merge(k, v, Long::sum));
        other.highestTermPerRun.forEach((k, v) -> highestTermPerRun.merge(k, v, Long::sum));
        other.leaderRecoveryMs.forEach((k, v) -> leaderRecoveryMs.merge(k, v, Long::sum));
        other.electionsPerLeaderChange.forEach((k, v) -> electionsPerLeaderChange.merge(k, v, Long::sum));
        other.messagesPerEntry.forEach((k, v) -> messagesPerEntry.merge(k, v, Long::sum));
        other.failures.values().forEach(this::addFailure);
        other.optionsOn.forEach((k, v) -> optionsOn.merge(k, v, Long::sum));
    }

    public long runs() {
        return runs;
    }

    public long steps() {
        return steps;
    }

    public long combinedDigest() {
        return combinedDigest;
    }

    public long passed() {
        return outcomes.getOrDefault(Outcome.PASSED, 0L);
    }

    /** Runs that failed: neither passed nor {@linkplain #undecided() undecided}. */
    public long failed() {
        return runs - passed() - undecided();
    }

    /** Runs whose linearizability check could not decide some key: neither passed nor failed. */
    public long undecided() {
        return outcomes.getOrDefault(Outcome.UNDECIDED, 0L);
    }

    public TreeMap<Outcome, Long> outcomes() {
        return new TreeMap<>(outcomes);
    }

    public TreeMap<String, Long> expectationsReached() {
        return new TreeMap<>(expectationsReached);
    }

    public TreeMap<Long, Long> electionsPerRun() {
        return new TreeMap<>(electionsPerRun);
    }

    public TreeMap<Long, Long> highestTermPerRun() {
        return new TreeMap<>(highestTermPerRun);
    }

    /** Per leader change in a quiet window: milliseconds from losing the leader to a leader all the quiet majority follows. */
    public TreeMap<Long, Long> leaderRecoveryMs() {
        return new TreeMap<>(leaderRecoveryMs);
    }

    /** Per leader change in a quiet window: terms the quiet majority started. */
    public TreeMap<Long, Long> electionsPerLeaderChange() {
        return new TreeMap<>(electionsPerLeaderChange);
    }

    /** Per quiet interval of one leader under load: RPCs delivered per committed entry, rounded down. */
    public TreeMap<Long, Long> messagesPerEntry() {
        return new TreeMap<>(messagesPerEntry);
    }


    /** In how many runs each swarm option was drawn on; options never drawn on are absent. */
    public TreeMap<SwarmOption, Long> optionsOn() {
        return new TreeMap<>(optionsOn);
    }

    /** The seeds kept that did not pass (failed or undecided), lowest first. */
    public List<Failure> failures() {
        return new ArrayList<>(failures.values());
    }

    // ---- for reading a summary back (shard merges) ------------------------------------

    void restoreTotals(long runCount, long stepCount, long digest) {
        runs = runCount;
        steps = stepCount;
        combinedDigest = digest;
    }

    void restoreOutcome(Outcome outcome, long count) {
        outcomes.put(outcome, count);
    }

    void restoreExpectation(String name, long count) {
        expectationsReached.put(name, count);
    }

    void restoreElections(long elections, long count) {
        electionsPerRun.put(elections, count);
    }

    void restoreHighestTerm(long term, long count) {
        highestTermPerRun.put(term, count);
    }

    void restoreLeaderRecovery(long ms, long count) {
        leaderRecoveryMs.put(ms, count);
    }

    void restoreElectionsPerLeaderChange(long terms, long count) {
        electionsPerLeaderChange.put(terms, count);
    }

    void restoreMessagesPerEntry(long messages, long count) {
        messagesPerEntry.put(messages, count);
    }

    void restoreOptionOn(SwarmOption option, long count) {
        optionsOn.put(option, count);
    }

    void restoreFailure(Failure failure) {
        addFailure(failure);
    }
}
