package io.raftsim.reports.html;

import io.raftsim.reports.trace.JsonStrings;

/** Escaping for text placed in HTML, and for JSON placed in a script element. */
public final class Html {
    private Html() {
    }

    /** Escapes text for an element's content or a quoted attribute value. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Makes JSON safe inside {@code <script type="application/json">}: no {@code </} (nor
     * {@code <!--}) can appear, so the data can never end the element early.
     */
    public static String scriptSafeJson(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    /** Appends {@code value} as a JSON string literal (null as {@code null}), safe inside a script element. */
    public static void appendJsonString(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        JsonStrings.appendQuoted(out, value);
    }
}
