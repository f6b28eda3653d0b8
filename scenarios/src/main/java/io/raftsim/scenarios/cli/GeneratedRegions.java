package io.raftsim.scenarios.cli;

import io.raftsim.scenarios.format.ScenarioException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds and rewrites the generated regions of the project's Markdown files (README.md,
 * ARCHITECTURE.md, docs/*.md, benchmarks/README.md). A marker that is malformed, unclosed or
 * nested is bad input: one line naming the file and line.
 */
final class GeneratedRegions {
    /** Only these characters in a command: it is split on spaces and run in-process, never by a shell. */
    private static final String COMMAND_CHARACTERS = "[A-Za-z0-9 ./_=:-]+";

    private GeneratedRegions() {
    }

    /** The Markdown files that may hold generated regions, relative to {@code root}, in a fixed order. */
    static List<String> files(Path root) {
        List<String> files = new ArrayList<>();
        for (String top : List.of("README.md", "ARCHITECTURE.md")) {
            if (Files.isRegularFile(root.resolve(top))) {
                files.add(top);
            }
        }
        Path docs = root.resolve("docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> list = Files.list(docs)) {
                list.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".md")).sorted()
                        .forEach(name -> files.add("docs/" + name));
            } catch (IOException e) {
                throw new ScenarioException(docs + ": cannot list (" + e.getMessage() + ")");
            }
        }
        if (Files.isRegularFile(root.resolve("benchmarks/README.md"))) {
            files.add("benchmarks/README.md");
        }
        return files;
    }

    static List<String> read(Path root, String file) {
        try {
            return Files.readAllLines(root.resolve(file));
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** The regions of one file's lines, in order. */
    static List<GeneratedRegion> parse(String file, List<String> lines) {
        List<GeneratedRegion> regions = new ArrayList<>();
        int open = -1;
        String command = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith(GeneratedRegion.OPEN)) {
                if (open >= 0) {
                    throw new ScenarioException(file + ":" + (i + 1) + ": a generated region opens inside the one opened at line " + (open + 1));
                }
                if (!line.endsWith("-->")) {
                    throw new ScenarioException(file + ":" + (i + 1) + ": the marker does not end with -->: " + line);
                }
                command = line.substring(GeneratedRegion.OPEN.length(), line.length() - "-->".length()).strip();
                if (!command.startsWith(GeneratedRegion.PROGRAM) || !command.matches(COMMAND_CHARACTERS)) {
                    throw new ScenarioException(file + ":" + (i + 1) + ": '" + command + "' is not a ./raftsim command of plain words");
                }
                open = i;
            } else if (line.equals(GeneratedRegion.CLOSE)) {
                if (open < 0) {
                    throw new ScenarioException(file + ":" + (i + 1) + ": " + GeneratedRegion.CLOSE + " without a generated region open");
                }
                regions.add(new GeneratedRegion(file, open + 1, command, lines.subList(open + 1, i)));
                open = -1;
            }
        }
        if (open >= 0) {
            throw new ScenarioException(file + ":" + (open + 1) + ": the generated region has no " + GeneratedRegion.CLOSE);
        }
        return regions;
    }

    /** The file's lines with each region's content replaced by {@code contents}, in region order. */
    static List<String> replace(List<String> lines, List<GeneratedRegion> regions, List<List<String>> contents) {
        List<String> out = new ArrayList<>();
        int next = 0;
        for (int r = 0; r < regions.size(); r++) {
            GeneratedRegion region = regions.get(r);
            int contentStart = region.markerLine(); // 0-based index of the first content line
            out.addAll(lines.subList(next, contentStart));
            out.addAll(contents.get(r));
            next = contentStart + region.lines().size();
        }
        out.addAll(lines.subList(next, lines.size()));
        return out;
    }
}
