package io.raftsim.scenarios.conform;

import io.raftsim.scenarios.format.ScenarioException;
import io.raftsim.scenarios.run.Outcome;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link BugMap} measurement as a small CSV file, committed beside the docs so that their
 * table is printed from it in a moment: a comment line naming the command that wrote it, a
 * header, then one line per pair: {@code mistake,scenario,seeds,firstSeed,outcome,property}
 * (the last three empty, and firstSeed 0, when no seed caught it). A malformed line is one line
 * of error naming the file and the line.
 */
public final class BugMapResults {
    static final String HEADER = "mistake,scenario,seeds,firstSeed,outcome,property";

    private BugMapResults() {
    }

    public static String write(String command, List<BugMap.Cell> cells) {
        StringBuilder text = new StringBuilder("# written by: ").append(command).append('\n').append(HEADER).append('\n');
        for (BugMap.Cell cell : cells) {
            text.append(field(cell.mistake())).append(',').append(field(cell.scenario())).append(',').append(cell.seeds()).append(',')
                    .append(cell.firstSeed()).append(',').append(cell.outcome() == null ? "" : cell.outcome().name()).append(',')
                    .append(cell.property() == null ? "" : field(cell.property())).append('\n');
        }
        return text.toString();
    }

    private static String field(String value) {
        if (value.contains(",") || value.contains("\n")) {
            throw new IllegalArgumentException("a bug map field holds a comma or a newline: " + value);
        }
        return value;
    }

    public static List<BugMap.Cell> read(String text, String source) {
        List<BugMap.Cell> cells = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        boolean header = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + ":" + (i + 1);
            if (!header) {
                if (!line.equals(HEADER)) {
                    throw new ScenarioException(where + ": expected the header '" + HEADER + "'");
                }
                header = true;
                continue;
            }
            String[] fields = line.split(",", -1);
            if (fields.length != 6) {
                throw new ScenarioException(where + ": expected 6 fields, found " + fields.length);
            }
            try {
                long seeds = Long.parseLong(fields[2]);
                long first = Long.parseLong(fields[3]);
                Outcome outcome = fields[4].isEmpty() ? null : Outcome.valueOf(fields[4]);
                cells.add(new BugMap.Cell(fields[0], fields[1], seeds, first, outcome, fields[5].isEmpty() ? null : fields[5]));
            } catch (IllegalArgumentException e) {
                throw new ScenarioException(where + ": " + e.getMessage());
            }
        }
        if (!header) {
            throw new ScenarioException(source + ": no header '" + HEADER + "'");
        }
        return cells;
    }
}
