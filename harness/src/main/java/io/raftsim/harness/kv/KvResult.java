package io.raftsim.harness.kv;

/**
 * What a command returned: for a get, the value read ({@code null} when absent) and
 * {@code success} true; for put and append, no value and {@code success} true; for a
 * compare-and-set, no value and whether it took effect.
 */
public record KvResult(String value, boolean success) {
    private static final KvResult DONE = new KvResult(null, true);
    private static final KvResult CAS_FAILED = new KvResult(null, false);

    public static KvResult done() {
        return DONE;
    }

    public static KvResult read(String valueOrNull) {
        return new KvResult(valueOrNull, true);
    }

    public static KvResult cas(boolean succeeded) {
        return succeeded ? DONE : CAS_FAILED;
    }

    @Override
    public String toString() {
        return value != null ? value : success ? "ok" : "failed";
    }
}
