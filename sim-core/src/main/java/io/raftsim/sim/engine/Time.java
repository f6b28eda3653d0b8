package io.raftsim.sim.engine;

/** Virtual time is a {@code long} count of microseconds since the start of the run. */
public final class Time {
    public static final long MICROS_PER_MS = 1_000L;
    public static final long MICROS_PER_SECOND = 1_000_000L;

    private Time() {
    }

    public static long ms(long milliseconds) {
        return Math.multiplyExact(milliseconds, MICROS_PER_MS);
    }

    public static long seconds(long seconds) {
        return Math.multiplyExact(seconds, MICROS_PER_SECOND);
    }

    /** Renders microseconds as milliseconds with three decimals, e.g. {@code 1234.567ms}. */
    public static String format(long micros) {
        long ms = micros / MICROS_PER_MS;
        long rest = Math.abs(micros % MICROS_PER_MS);
        return ms + "." + (rest < 10 ? "00" : rest < 100 ? "0" : "") + rest + "ms";
    }
}
