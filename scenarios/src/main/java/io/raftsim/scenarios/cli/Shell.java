package io.raftsim.scenarios.cli;

/** Quoting for the commands we print, so they can be pasted into a POSIX shell as they are. */
final class Shell {
    private Shell() {
    }

    static String quote(String word) {
        if (word.matches("[A-Za-z0-9_./:=@%+,-]+")) {
            return word;
        }
        if (TerminalText.hasUnsafe(word)) {
            // Bash's $'...' quoting: the control characters stay escapes on the terminal and
            // the word still pastes back as it was.
            StringBuilder quoted = new StringBuilder("$'");
            for (int i = 0; i < word.length(); i++) {
                char c = word.charAt(i);
                if (c == '\\' || c == '\'') {
                    quoted.append('\\').append(c);
                } else if (TerminalText.isUnsafe(c)) {
                    quoted.append(c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
                } else {
                    quoted.append(c);
                }
            }
            return quoted.append('\'').toString();
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
