package io.raftsim.reports.trace;

/** JSON string literals for the trace writer and the HTML page alike, inert inside a script element. */
public final class JsonStrings {
    private JsonStrings() {
    }

    /** Appends {@code value} as a JSON string; control characters, quotes, backslashes and {@code <} are escaped. */
    public static void appendQuoted(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
                        // Also '<', '>' and '&', so the text stays inert inside an HTML script element.
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
