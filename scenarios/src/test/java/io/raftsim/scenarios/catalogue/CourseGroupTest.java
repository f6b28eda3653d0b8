package io.raftsim.scenarios.catalogue;

import io.raftsim.scenarios.cli.Main;
import io.raftsim.scenarios.format.ScenarioException;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The course group (issue 14): one scenario per test of MIT 6.824's Raft lab 2A-2C, each naming
 * the test it mirrors, selected by {@code --group course} in {@code list} and {@code conform}.
 * That each passes on 200 seeds is {@link CatalogueTest}'s.
 */
class CourseGroupTest {
    private static final Pattern TEST_NAME = Pattern.compile("Test[A-Za-z0-9]+2[ABCD]");

    /** The lab's tests, as published for 2A-2D, that the group mirrors. */
    private static final List<String> MIRRORED = List.of("TestInitialElection2A", "TestReElection2A", "TestManyElections2A",
            "TestRPCBytes2B", "TestFollowerFailure2B", "TestLeaderFailure2B", "TestFailAgree2B", "TestConcurrentStarts2B",
            "TestRejoin2B", "TestBackup2B", "TestCount2B", "TestPersist12C", "TestPersist22C", "TestPersist32C", "TestFigure82C",
            "TestFigure8Unreliable2C", "TestReliableChurn2C", "TestUnreliableChurn2C", "TestUnreliableAgree2C", "TestFailNoAgree2B",
            "TestSnapshotBasic2D", "TestSnapshotInstall2D", "TestSnapshotInstallUnreliable2D", "TestSnapshotInstallCrash2D",
            "TestSnapshotInstallUnCrash2D", "TestSnapshotAllCrash2D", "TestSnapshotInit2D");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void theGroupIsEveryCatalogueScenarioNamedCourseAndEachNamesTheTestItMirrors() {
        List<String> course = Catalogue.group("course");
        assertEquals(Catalogue.NAMES.stream().filter(name -> name.startsWith("course-")).toList(), course);
        StringBuilder named = new StringBuilder();
        for (String name : course) {
            String description = Catalogue.load(name).description();
            assertTrue(description.startsWith("Mirrors MIT 6.824's Lab 2"), name + ": " + description);
            Matcher test = TEST_NAME.matcher(description);
            assertTrue(test.find(), name + " names no course test: " + description);
            named.append(description).append('\n');
        }
        for (String test : MIRRORED) {
            assertTrue(named.toString().contains(test), test + " is mirrored by no course scenario");
        }
    }

    @Test
    void anUnknownGroupIsOneLineNamingTheGroups() {
        ScenarioException unknown = assertThrows(ScenarioException.class, () -> Catalogue.group("2d"));
        assertEquals("unknown group '2d': the catalogue's groups are course", unknown.getMessage());
        assertEquals(2, run("list", "--group", "2d"));
        assertEquals("raftsim: unknown group '2d': the catalogue's groups are course\n", err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void listShowsTheGroupAlone() {
        assertEquals(0, run("list", "--group", "course"));
        List<String> names = out.toString().lines().map(line -> line.split(" ")[0]).toList();
        assertEquals(Catalogue.group("course"), names);
    }

    @Test
    void conformRunsTheGroupAloneAgainstAnImplementation() {
        assertEquals(0, run("conform", "raftsim", "--group", "course", "--seeds", "1", "--threads", "1"), out + "" + err);
        String table = out.toString();
        for (String name : Catalogue.group("course")) {
            assertTrue(table.contains("| " + name + " | PASSED | 1 of 1 seeds passed |"), name + "\n" + table);
        }
        int checks = Catalogue.group("course").size();
        assertTrue(table.contains(checks + " checks: " + checks + " passed, 0 failed, 0 skipped"), table);
        assertTrue(!table.contains("random sweep") && !table.contains("negative control"), table);
    }
}
