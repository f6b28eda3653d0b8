package io.raftsim.sim.determinism;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The determinism check can fail: every rule fires on a planted use, and clean code passes. */
class PlantedViolationTest {
    private static final Path TEST_CLASSES = Path.of("target/test-classes");

    @Test
    void everyForbiddenApiIsCaughtInPlantedCode() throws Exception {
        List<ForbiddenApiScanner.Violation> violations =
                ForbiddenApiScanner.scan(TEST_CLASSES, name -> name.endsWith("planted.PlantedViolations"));
        for (ForbiddenApi api : ForbiddenApi.ALL) {
            boolean caught = violations.stream().anyMatch(v -> v.reason().equals(api.reason())
                    && (v.api().startsWith(api.describe()) || api.owner().endsWith("/*") && v.api().endsWith("." + api.member())));
            assertTrue(caught, "not caught: " + api.describe() + "\nfound:\n" + violations);
        }
    }

    @Test
    void assertDeterministicFailsTheBuildOnAPlantedViolation() {
        AssertionError failure = assertThrows(AssertionError.class,
                () -> ForbiddenApiScanner.assertDeterministic(TEST_CLASSES, name -> name.contains(".planted.")));
        assertTrue(failure.getMessage().contains("PlantedViolations uses java.lang.System.currentTimeMillis"), failure.getMessage());
    }

    @Test
    void cleanCodeHasNoViolations() throws Exception {
        assertEquals(List.of(), ForbiddenApiScanner.scan(TEST_CLASSES, name -> name.contains("planted.CleanClass")));
    }

    @Test
    void aWrongPathCannotPassSilently() {
        assertThrows(AssertionError.class, () -> ForbiddenApiScanner.assertDeterministic(Path.of("target/no-such-dir"), name -> true));
    }
}
