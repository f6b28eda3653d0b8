package io.raftsim.scenarios.cli;

/** Quoting for the commands we print, so they can be pasted into a POSIX shell as they are. */
final class Shell {
    private Shell() {
    }

    static String quote(String word) {
        if (word.matches("[A-Za-z0-9_./:=@%+,-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
