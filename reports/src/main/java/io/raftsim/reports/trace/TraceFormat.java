package io.raftsim.reports.trace;

/** The constants of the JSON Lines trace format; docs/trace-format.md describes it field by field. */
public final class TraceFormat {
    /** The header's {@code format} value. */
    public static final String NAME = "raftsim-trace";
    /** The header's {@code version} value; a reader accepts exactly this version. */
    public static final int VERSION = 1;
    /** The longest line a reader accepts, in characters; a longer one is malformed input, never loaded whole. */
    public static final int MAX_LINE_CHARS = 16 * 1024 * 1024;

    private TraceFormat() {
    }
}
