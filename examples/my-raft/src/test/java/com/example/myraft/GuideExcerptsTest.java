package com.example.myraft;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps docs/test-your-raft.md honest: every line of its java, xml and text excerpts is a
 * line of this module's code, pom or services file. (This test knows where raftsim keeps the
 * guide; a project of your own would not have it.)
 */
class GuideExcerptsTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();

    @Test
    void everyExcerptOfTheGuideIsInTheCode() throws IOException {
        Set<String> codeLines = new HashSet<>();
        try (Stream<Path> files = Stream.concat(Files.walk(MODULE.resolve("src")), Stream.of(MODULE.resolve("pom.xml")))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.readAllLines(file).forEach(line -> codeLines.add(line.strip()));
            }
        }
        List<String> excerpts = new ArrayList<>(Guide.blocks("java"));
        excerpts.addAll(Guide.blocks("xml"));
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (String excerpt : excerpts) {
            for (String line : excerpt.split("\n")) {
                if (!line.isBlank()) {
                    checked++;
                    if (!codeLines.contains(line.strip())) {
                        missing.add(line);
                    }
                }
            }
        }
        assertTrue(checked > 40, "only " + checked + " excerpt lines found in " + Guide.FILE);
        assertTrue(missing.isEmpty(), "lines of " + Guide.FILE + " not in examples/my-raft:\n" + String.join("\n", missing));
    }
}
