package io.raftsim.scenarios.seam;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The harness tests any Raft through the seam only (issue 13): nothing in the harness, the
 * reports or the scenarios' main code names a class of the project's own Raft, not even as
 * a string for reflection. The Maven scopes make a compile-time reference fail the build;
 * this scan of the compiled classes catches the rest (a class name in a constant).
 */
class SeamBoundaryTest {
    private static final List<String> MODEL_NAMES = List.of("io/raftsim/raft/", "io.raftsim.raft.");

    @Test
    void noHarnessReportsOrScenariosClassNamesTheModel() throws IOException {
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        for (Path root : List.of(Path.of("../harness/target/classes"), Path.of("../reports/target/classes"), Path.of("target/classes"))) {
            assertTrue(Files.isDirectory(root), root + " is built before this test runs");
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                    scanned++;
                    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    for (String name : MODEL_NAMES) {
                        if (text.contains(name)) {
                            offenders.add(root.relativize(file) + " names " + name);
                        }
                    }
                }
            }
        }
        assertTrue(scanned > 100, "only " + scanned + " class files found: the scan looked in the wrong place");
        assertEquals(List.of(), offenders);
    }

    @Test
    void theScanSeesANameWhereOneIs() {
        // The check itself can fail: a class file naming a model class is found by the same test.
        String constantPool = "\u0001\u0000\u001Fio/raftsim/raft/node/RaftNode";
        assertTrue(MODEL_NAMES.stream().anyMatch(constantPool::contains));
    }
}
