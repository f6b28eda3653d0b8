package io.raftsim.scenarios.conform;

import io.raftsim.scenarios.catalogue.Catalogue;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.format.ScenarioException;
import io.raftsim.scenarios.run.Outcome;
import io.raftsim.scenarios.run.ScenarioResult;
import io.raftsim.scenarios.run.ScenarioRunner;
import io.raftsim.sim.trace.TraceSink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which scenarios of a catalogue group catch which planted mistake of an implementation: for
 * each pair, the first seed of 1..N whose run fails (any failure a test would report: a safety
 * or linearizability violation, a liveness failure, a missed mid-run check, an unmet
 * expectation, a run bound), or none. An undecided run is no catch. The measurement takes
 * minutes, so it is committed as a results file ({@link BugMapResults}) that the docs' table is
 * printed from, and a test re-runs a cheap part of it.
 */
public final class BugMap {
    /** One pair measured: the first seed that caught the mistake, or 0 when none of 1..seeds did. */
    public record Cell(String mistake, String scenario, long seeds, long firstSeed, Outcome outcome, String property) {
        public Cell {
            if (seeds < 1 || firstSeed < 0 || firstSeed > seeds || (firstSeed == 0) != (outcome == null)) {
                throw new IllegalArgumentException("inconsistent cell " + mistake + " " + scenario + ": seed " + firstSeed + " of " + seeds + ", " + outcome);
            }
        }

        public boolean caught() {
            return firstSeed > 0;
        }
    }

    /**
     * Whether a test of MIT 6.824's lab 2A-2C should catch the model's planted mistake, and why:
     * the judgement the course group is held to (a mistake judged catchable must be caught by
     * at least one course scenario). Keyed by the mistake's name, so no model class is named here.
     */
    public record Judgement(boolean courseShouldCatch, String why, String notYetBecause) {
        Judgement(boolean courseShouldCatch, String why) {
            this(courseShouldCatch, why, null);
        }

        /** Named, never hidden: a mistake a course test should catch that the group cannot catch yet, and why. */
        public boolean blocked() {
            return notYetBecause != null;
        }
    }

    /** The judgement for each of the model's planted mistakes (docs/bugs.md), in the catalogue's order. */
    public static final Map<String, Judgement> COURSE_JUDGEMENTS = courseJudgements();

    private static Map<String, Judgement> courseJudgements() {
        Map<String, Judgement> judged = new LinkedHashMap<>();
        judged.put("DOUBLE_VOTE", new Judgement(true, "two leaders of one term: every test with elections (2A), and 2B's agreement"));
        judged.put("VOTE_NOT_PERSISTED", new Judgement(true, "a restarted voter votes again: 2C's crashes (Persist, Figure 8, churn)"));
        judged.put("VOTE_WITHOUT_LOG_CHECK", new Judgement(true, "a stale server elected: Persist2/3, Backup, Figure 8"));
        judged.put("COMMIT_PREVIOUS_TERM_BY_COUNTING", new Judgement(true,
                "TestFigure82C's target: course-figure8 runs, as the lab's Rafts do, without the leader's no-op (§8), which narrows the window to the time before a majority holds the no-op, and crashes leaders at drawn times"));
        judged.put("TRUNCATE_ON_MATCHING_APPEND", new Judgement(true, "a late AppendEntries: the unreliable tests' reordering"));
        judged.put("ACCEPT_STALE_TERM_APPEND", new Judgement(true, "a deposed leader's appends: Rejoin, Figure 8 (unreliable)"));
        judged.put("IGNORE_PREV_LOG_TERM", new Judgement(true, "divergent logs after leader changes: Rejoin, Backup, Figure 8"));
        judged.put("REPLY_BEFORE_PERSIST", new Judgement(true, "state lost in a crash: 2C's crashes"));
        judged.put("DUPLICATE_APPLY", new Judgement(false, "client sessions are lab 3's; lab 2's cfg.one may commit a command twice"));
        judged.put("STALE_LOCAL_READ", new Judgement(false, "lab 2 has no reads; a read path is lab 3's"));
        judged.put("NO_TIMEOUT_RANDOMIZATION", new Judgement(true, "split votes for ever: 2A's elections"));
        judged.put("LEADER_IGNORES_HIGHER_TERM_REPLY", new Judgement(true, "the old leader must step down: TestReElection2A"));
        judged.put("COUNT_STALE_TERM_VOTES", new Judgement(true, "a late vote reply: the unreliable tests"));
        judged.put("CANDIDATE_IGNORES_LEADER", new Judgement(true, "needless elections: TestCount2B's RPC bounds, and the harness's efficiency checks in every scenario"));
        judged.put("NO_TIMER_RESET_ON_VOTE", new Judgement(true, "needless elections: TestCount2B's RPC bounds, and the harness's efficiency checks in every scenario"));
        judged.put("TRUST_STALE_REJECTION", new Judgement(false, "needs a request outliving its leadership and the same server leading again, which no course test stages (docs/bugs.md: about once in 1,150 random seeds)"));
        judged.put("SKIP_MEMBERSHIP_COMMIT_FIX", new Judgement(false, "6.824's labs never change membership; single-server-change-bug stages it"));
        judged.put("COUNT_LEARNER_VOTE", new Judgement(false, "6.824's labs have no learners; add-server catches it"));
        judged.put("JOINT_COMMIT_BY_NEW_MAJORITY_ONLY", new Judgement(false, "6.824's labs have no membership changes; joint-consensus catches it"));
        judged.put("SNAPSHOT_PAST_COMMIT", new Judgement(true, "a snapshot of uncommitted entries: 2D's snapshot tests with clients writing"));
        judged.put("INSTALL_SNAPSHOT_DISCARDS_MATCHING_LOG", new Judgement(true, "a late InstallSnapshot over a longer log: TestSnapshotInstallUnreliable2D, TestSnapshotInstallUnCrash2D"));
        judged.put("LEASE_IGNORES_DRIFT", new Judgement(false, "lab 2 has no reads, and its clocks never drift; lease-read catches it"));
        judged.put("READ_INDEX_WITHOUT_CONFIRMATION", new Judgement(false, "lab 2 has no reads; read-index catches it"));
        return judged;
    }

    private BugMap() {
    }

    /** The first seed of 1..seeds at which {@code scenario} run by {@code implementation} with {@code mistake} planted fails. */
    public static Cell measure(String implementation, String mistake, String scenario, long seeds) {
        Scenario loaded = Catalogue.load(scenario);
        Scenario chosen = loaded.withImplementation(loaded.implementation().with(implementation, new TreeMap<>()));
        Set<String> planted = new TreeSet<>(List.of(mistake));
        for (long seed = 1; seed <= seeds; seed++) {
            ScenarioResult result = ScenarioRunner.run(chosen, seed, TraceSink.NONE, planted);
            if (caught(result.outcome())) {
                return new Cell(mistake, scenario, seeds, seed, result.outcome(), result.property());
            }
        }
        return new Cell(mistake, scenario, seeds, 0, null, null);
    }

    /** A failure a test would report; an undecided run is none. */
    public static boolean caught(Outcome outcome) {
        return outcome.failed() && outcome != Outcome.UNDECIDED;
    }

    /** The pairs to measure, mistakes in the implementation's order, scenarios in the group's. */
    public static List<String[]> pairs(List<String> mistakes, List<String> scenarios) {
        List<String[]> pairs = new ArrayList<>();
        for (String mistake : mistakes) {
            for (String scenario : scenarios) {
                pairs.add(new String[]{mistake, scenario});
            }
        }
        return pairs;
    }

    /**
     * The table of docs/bugs.md: one row per mistake, the judgement and the scenarios that
     * caught it with their first seed and the property; scenarios of the group the results do
     * not cover are listed, never left out silently.
     */
    public static String markdown(List<Cell> cells, List<String> groupScenarios) {
        Map<String, List<Cell>> byMistake = new LinkedHashMap<>();
        Set<String> measured = new TreeSet<>();
        long seeds = 0;
        for (Cell cell : cells) {
            byMistake.computeIfAbsent(cell.mistake(), name -> new ArrayList<>()).add(cell);
            measured.add(cell.scenario());
            seeds = Math.max(seeds, cell.seeds());
        }
        StringBuilder text = new StringBuilder();
        text.append("| planted mistake | should a 6.824 lab 2 test catch it? | course scenarios that catch it within ").append(seeds)
                .append(" seeds: first seed (property) |\n|---|---|---|\n");
        for (Map.Entry<String, List<Cell>> entry : byMistake.entrySet()) {
            Judgement judgement = COURSE_JUDGEMENTS.get(entry.getKey());
            String should = judgement == null ? "not judged" : (judgement.courseShouldCatch() ? "yes: " : "no: ") + judgement.why()
                    + (judgement.blocked() ? "; not yet: " + judgement.notYetBecause() : "");
            List<String> caught = new ArrayList<>();
            for (Cell cell : entry.getValue()) {
                if (cell.caught()) {
                    caught.add("`" + cell.scenario() + "` " + cell.firstSeed() + " (" + (cell.property() == null ? cell.outcome() : cell.property()) + ")");
                }
            }
            text.append("| ").append(entry.getKey()).append(" | ").append(should).append(" | ")
                    .append(caught.isEmpty() ? "none" : String.join(", ", caught)).append(" |\n");
        }
        List<String> unmeasured = groupScenarios.stream().filter(name -> !measured.contains(name)).toList();
        if (!unmeasured.isEmpty()) {
            text.append("\nNot measured (the group has them, the results file does not): ").append(String.join(", ", unmeasured)).append(".\n");
        }
        return text.toString();
    }

    /** Refuses results that name a scenario outside the group: they were measured on another catalogue. */
    public static void requireWithin(List<Cell> cells, List<String> groupScenarios, String source) {
        for (Cell cell : cells) {
            if (!groupScenarios.contains(cell.scenario())) {
                throw new ScenarioException(source + ": scenario '" + cell.scenario() + "' is not in the group (" + String.join(", ", groupScenarios) + ")");
            }
        }
    }
}
