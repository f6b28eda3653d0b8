package io.raftsim.sim.determinism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftsim.sim.determinism.ForbiddenApiScanner.Violation;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Proves the scanner fails the build on each forbidden API, using classes planted in the test
 * sources, and that deterministic look-alikes pass.
 */
class PlantedViolationTest {

    private static final Path TEST_CLASSES = Path.of("target/test-classes");
    private static final String PLANTED = "io.raftsim.sim.determinism.planted.";

    @Test
    void everyRuleFiresOnThePlantedViolations() {
        Set<String> fired = apis(ForbiddenApiScanner.scan(TEST_CLASSES, name -> name.startsWith(PLANTED)));
        Set<String> missed = Arrays.stream(ForbiddenApi.values())
                .map(ForbiddenApi::api)
                .filter(api -> !fired.contains(api))
                .collect(Collectors.toCollection(TreeSet::new));

        assertTrue(missed.isEmpty(), "Rules the scanner missed: " + missed);
    }

    @Test
    void typesNamedOnlyInDescriptorsAreFound() {
        List<String> found = ForbiddenApiScanner
                .scan(TEST_CLASSES, name -> name.startsWith(PLANTED + "ThreadsInDescriptorsOnly"))
                .stream()
                .map(violation -> violation.className().substring(PLANTED.length()) + " " + violation.api())
                .toList();

        // In path order: "$Caller.class" sorts before ".class".
        assertEquals(List.of(
                "ThreadsInDescriptorsOnly$Caller java.lang.Thread",
                "ThreadsInDescriptorsOnly java.lang.Thread",
                "ThreadsInDescriptorsOnly java.lang.ThreadGroup"), found);
    }

    @Test
    void deterministicLookAlikesPass() {
        // assertDeterministic rather than scan, so a filter that selects nothing fails instead of passing.
        ForbiddenApiScanner.assertDeterministic(TEST_CLASSES, name -> name.startsWith(PLANTED + "CleanClass"));
    }

    private static Set<String> apis(List<Violation> violations) {
        return violations.stream().map(Violation::api).collect(Collectors.toCollection(TreeSet::new));
    }
}
