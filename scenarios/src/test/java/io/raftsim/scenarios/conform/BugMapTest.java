package io.raftsim.scenarios.conform;

import io.raftsim.harness.spi.Implementations;
import io.raftsim.harness.spi.PlantedMistake;
import io.raftsim.scenarios.catalogue.Catalogue;
import io.raftsim.scenarios.format.ScenarioException;
import io.raftsim.scenarios.run.Outcome;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed measurement of which course scenarios catch which planted mistake
 * (docs/bug-map-course.csv, the table in docs/bugs.md): every mistake a lab 2 test should catch
 * is caught by at least one course scenario, and a cheap part of the measurement still holds
 * (each mistake's first catch re-run at its recorded seed fails the recorded way). Measuring it
 * whole takes minutes: {@code ./raftsim bug-map course --seeds 200 --results docs/bug-map-course.csv}.
 */
class BugMapTest {
    /** Surefire runs in the module's directory; the docs are one level up. */
    private static final Path RESULTS = Path.of("..", "docs", "bug-map-course.csv");

    private static List<BugMap.Cell> cells() throws IOException {
        return BugMapResults.read(Files.readString(RESULTS), RESULTS.toString());
    }

    @Test
    void everyPlantedMistakeIsJudgedAndMeasuredOnTheGroup() throws IOException {
        List<String> mistakes = Implementations.named(Implementations.DEFAULT).plantableMistakes().stream().map(PlantedMistake::name).toList();
        assertEquals(mistakes, new ArrayList<>(BugMap.COURSE_JUDGEMENTS.keySet()), "a judgement for each of the model's planted mistakes, in its order");
        List<BugMap.Cell> cells = cells();
        BugMap.requireWithin(cells, Catalogue.group("course"), RESULTS.toString());
        for (String mistake : mistakes) {
            assertTrue(cells.stream().anyMatch(cell -> cell.mistake().equals(mistake)), mistake + " is not measured in " + RESULTS);
        }
    }

    @Test
    void everyMistakeALabTwoTestShouldCatchIsCaughtByACourseScenario() throws IOException {
        List<BugMap.Cell> cells = cells();
        BugMap.COURSE_JUDGEMENTS.forEach((mistake, judgement) -> {
            boolean caught = cells.stream().anyMatch(cell -> cell.mistake().equals(mistake) && cell.caught());
            if (judgement.courseShouldCatch() && !judgement.blocked()) {
                assertTrue(caught, mistake + " should be caught by a course scenario (" + judgement.why() + ") but none caught it");
            }
            if (judgement.blocked()) {
                // When what blocks it goes (a no-op switch in the format), the measurement moves and the judgement must follow.
                assertFalse(caught, mistake + " is caught now: drop its 'not yet' (" + judgement.notYetBecause() + ")");
            }
        });
    }

    /**
     * Per mistake, its quickest recorded catch is measured again: the same first seed, outcome and
     * property (so the seeds before it still pass with the mistake planted).
     */
    @Test
    void eachMistakesQuickestRecordedCatchStillCatchesIt() throws IOException {
        Map<String, BugMap.Cell> first = new LinkedHashMap<>();
        for (BugMap.Cell cell : cells()) {
            if (cell.caught()) {
                first.merge(cell.mistake(), cell, (kept, other) -> other.firstSeed() < kept.firstSeed() ? other : kept);
            }
        }
        assertFalse(first.isEmpty());
        for (BugMap.Cell recorded : first.values()) {
            BugMap.Cell now = BugMap.measure(Implementations.DEFAULT, recorded.mistake(), recorded.scenario(), recorded.firstSeed());
            BugMap.Cell expected = new BugMap.Cell(recorded.mistake(), recorded.scenario(), recorded.firstSeed(), recorded.firstSeed(),
                    recorded.outcome(), recorded.property());
            assertEquals(expected, now, "re-measure: ./raftsim bug-map course --seeds 200 --results docs/bug-map-course.csv");
        }
    }

    @Test
    void theResultsFileRoundTripsAndBadLinesAreOneLineNamingFileAndLine() {
        List<BugMap.Cell> cells = List.of(new BugMap.Cell("DOUBLE_VOTE", "course-election", 200, 3, Outcome.SAFETY_VIOLATION, "Single Vote"),
                new BugMap.Cell("STALE_LOCAL_READ", "course-election", 200, 0, null, null));
        String text = BugMapResults.write("./raftsim bug-map course --seeds 200 --results x.csv", cells);
        assertEquals(cells, BugMapResults.read(text, "x.csv"));
        ScenarioException bad = assertThrows(ScenarioException.class, () -> BugMapResults.read(text.replace(",3,SAFETY", ",300,SAFETY"), "x.csv"));
        assertTrue(bad.getMessage().startsWith("x.csv:3: inconsistent cell DOUBLE_VOTE course-election: seed 300 of 200"), bad.getMessage());
        ScenarioException noHeader = assertThrows(ScenarioException.class, () -> BugMapResults.read("a,b\n", "y.csv"));
        assertEquals("y.csv:1: expected the header '" + BugMapResults.HEADER + "'", noHeader.getMessage());
        String table = BugMap.markdown(cells, List.of("course-election", "course-count"));
        assertTrue(table.contains("| DOUBLE_VOTE | yes: "), table);
        assertTrue(table.contains("`course-election` 3 (Single Vote)"), table);
        assertTrue(table.contains("| STALE_LOCAL_READ | no: lab 2 has no reads; a read path is lab 3's | none |"), table);
        assertTrue(table.contains("Not measured (the group has them, the results file does not): course-count."), table);
    }
}
