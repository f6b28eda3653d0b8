package io.raftsim.scenarios.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines that differ between what a file holds and what a command prints, as {@code -} (only
 * in the file) and {@code +} (only in the output) lines, from a longest common subsequence.
 * Quadratic, which is fine for tables of a few dozen lines; bounded so a wrong file cannot
 * make it run away.
 */
final class LineDiff {
    static final int MAX_LINES = 2_000;

    private LineDiff() {
    }

    static String of(List<String> file, List<String> printed, int firstFileLine) {
        if (file.size() > MAX_LINES || printed.size() > MAX_LINES) {
            return "(more than " + MAX_LINES + " lines: no diff; the file has " + file.size() + ", the command prints " + printed.size() + ")\n";
        }
        int[][] common = new int[file.size() + 1][printed.size() + 1];
        for (int i = file.size() - 1; i >= 0; i--) {
            for (int j = printed.size() - 1; j >= 0; j--) {
                common[i][j] = file.get(i).equals(printed.get(j)) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < file.size() || j < printed.size()) {
            if (i < file.size() && j < printed.size() && file.get(i).equals(printed.get(j))) {
                i++;
                j++;
            } else if (j < printed.size() && (i == file.size() || common[i][j + 1] >= common[i + 1][j])) {
                out.add("+ " + printed.get(j++));
            } else {
                out.add("- line " + (firstFileLine + i) + ": " + file.get(i++));
            }
        }
        return String.join("\n", out) + "\n";
    }
}
