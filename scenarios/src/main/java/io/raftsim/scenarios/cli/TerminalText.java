package io.raftsim.scenarios.cli;

/**
 * Text from files and arguments (scenario names, paths, values in error messages) made safe
 * for a terminal: control characters are shown as escapes ({@code \x1b}, {@code \x0a},
 * {@code \u202e}), so a name cannot clear the screen, recolour the output, reorder it with
 * bidirectional overrides, or fake an output line with a newline. Deterministic, so stdout
 * summaries stay byte-identical from run to run.
 */
final class TerminalText {
    private TerminalText() {
    }

    static String safe(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder safe = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isUnsafe(c)) {
                if (safe == null) {
                    safe = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                safe.append(c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
            } else if (safe != null) {
                safe.append(c);
            }
        }
        return safe == null ? text : safe.toString();
    }

    /** C0 and C1 controls and DEL, line and paragraph separators, bidirectional embeddings, overrides and isolates. */
    static boolean isUnsafe(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069') || c == '\u200e' || c == '\u200f' || c == '\u061c';
    }

    static boolean hasUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isUnsafe(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
