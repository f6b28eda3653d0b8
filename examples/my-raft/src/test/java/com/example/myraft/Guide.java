package com.example.myraft;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The guide, docs/test-your-raft.md, read by the tests that keep its excerpts and outputs true. */
final class Guide {
    static final Path FILE = Path.of("").toAbsolutePath().resolve("../../docs/test-your-raft.md").normalize();

    private Guide() {
    }

    /** The fenced blocks of the given language ({@code java}, {@code text}, ...), each as its text. */
    static List<String> blocks(String language) {
        // Skipped, and said so, in a copy of the example outside raftsim's repository: the guide is not there.
        Assumptions.assumeTrue(Files.isRegularFile(FILE), "SKIPPED: no " + FILE + " beside this copy of the example");
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        try {
            for (String line : Files.readAllLines(FILE)) {
                if (block == null && line.equals("```" + language)) {
                    block = new StringBuilder();
                } else if (block != null && line.startsWith("```")) {
                    blocks.add(block.toString());
                    block = null;
                } else if (block != null) {
                    block.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return blocks;
    }

    /** The one text block that starts with {@code start}. */
    static String output(String start) {
        List<String> found = blocks("text").stream().filter(block -> block.startsWith(start)).toList();
        if (found.size() != 1) {
            throw new IllegalStateException(found.size() + " text blocks of " + FILE + " start with " + start);
        }
        return found.get(0);
    }
}
