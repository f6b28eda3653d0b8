package io.raftsim.raft.node;

import io.raftsim.raft.bugs.Bug;
import io.raftsim.raft.bugs.PlantedRules;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production node follows one rules object, and planted mistakes stay out of it: no class
 * of the node, log, server or message packages names the bugs package or a bug, and a run
 * without planted bugs follows {@link RaftRules#PAPER} itself.
 */
@DisplayName("RaftRules: the production classes know only the paper's rules")
class RaftRulesTest {
    private static final Path MAIN_SOURCES = Path.of("src/main/java/io/raftsim/raft");
    private static final List<String> PRODUCTION_PACKAGES = List.of("node", "log", "server", "message");
    /** "bug" in any case, as a word or inside an identifier (plantedBugs, bugDoubleVote, io.raftsim.raft.bugs), but not "debug". */
    private static final Pattern BUG = Pattern.compile("(?i)(?<!de)bug");

    @Test
    @DisplayName("No source of node/, log/, server/ or message/ names the bugs package or a bug")
    void productionSourcesNameNoBug() throws IOException {
        List<String> found = new ArrayList<>();
        int scanned = 0;
        for (String pkg : PRODUCTION_PACKAGES) {
            Path dir = MAIN_SOURCES.resolve(pkg);
            assertTrue(Files.isDirectory(dir), "sources not found at " + dir.toAbsolutePath() + ": run from the raft-model module");
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    scanned++;
                    List<String> lines = Files.readAllLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        Matcher matcher = BUG.matcher(lines.get(i));
                        if (matcher.find()) {
                            found.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
                        }
                    }
                }
            }
        }
        assertTrue(scanned >= 20, "only " + scanned + " production sources found under " + MAIN_SOURCES.toAbsolutePath());
        assertEquals(List.of(), found, "planted mistakes belong in io.raftsim.raft.bugs (PlantedRules), not in production classes");
    }

    @Test
    @DisplayName("The scan would catch a bug flag, a Bug reference and the bugs package, and lets 'debug' pass")
    void theScanCatchesWhatItGuards() {
        for (String line : List.of("private final boolean bugDoubleVote;", "import io.raftsim.raft.bugs.Bug;",
                "Set<Bug> plantedBugs", "// Planted bug: the old deadline stands")) {
            assertTrue(BUG.matcher(line).find(), line);
        }
        assertFalse(BUG.matcher("log.debug(\"x\")").find());
    }

    @Test
    @DisplayName("Planting nothing gives the paper's rules themselves, so clean runs take the production path")
    void plantingNothingIsThePaper() {
        assertSame(RaftRules.PAPER, PlantedRules.plant(EnumSet.noneOf(Bug.class)));
        assertSame(RaftRules.PAPER, PlantedRules.plant(Set.<String>of()));
    }

    /** Rules a planted mistake may also turn off besides its own: the node's assertion that committed entries stay. */
    private static final Set<String> ALSO_ALLOWED = Set.of("guaranteesCommittedEntriesStay");

    @ParameterizedTest
    @EnumSource(Bug.class)
    @DisplayName("Each planted mistake overrides one rule and forwards every other")
    void eachMistakeOverridesOneRule(Bug bug) {
        RaftRules planted = PlantedRules.plant(EnumSet.of(bug));
        Set<String> overridden = new TreeSet<>();
        for (Method method : planted.getClass().getDeclaredMethods()) {
            if (!Modifier.isStatic(method.getModifiers()) && !method.isSynthetic() && !ALSO_ALLOWED.contains(method.getName())) {
                overridden.add(method.getName());
            }
        }
        assertEquals(1, overridden.size(), bug + " overrides " + overridden);
        for (Method rule : RaftRules.class.getMethods()) {
            if (!Modifier.isStatic(rule.getModifiers())) {
                assertTrue(declares(planted.getClass().getSuperclass(), rule), "the forwarding base does not forward " + rule.getName());
            }
        }
    }

    private static boolean declares(Class<?> type, Method rule) {
        try {
            type.getDeclaredMethod(rule.getName(), rule.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Test
    @DisplayName("Mistakes planted together each break their own rule")
    void mistakesStack() {
        RaftRules both = PlantedRules.plant(EnumSet.of(Bug.DOUBLE_VOTE, Bug.NO_TIMER_RESET_ON_VOTE));
        assertTrue(both.mayVoteFor(2, 1));
        assertFalse(both.resetsElectionTimerOnVote());
        assertTrue(both.syncsBeforeSending(), "an unplanted rule is the paper's");
        assertTrue(RaftRules.PAPER.resetsElectionTimerOnVote());
        assertFalse(RaftRules.PAPER.mayVoteFor(2, 1));
    }
}
