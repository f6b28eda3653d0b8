package io.raftsim.sim.determinism;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** sim-core's production code must not use any {@link ForbiddenApi}. */
class SimCoreDeterminismTest {

    @Test
    void mainCodeUsesNoForbiddenApi() {
        // Surefire runs tests in the module directory.
        ForbiddenApiScanner.assertDeterministic(Path.of("target/classes"), name -> true);
    }
}
