package io.raftsim.harness.kv;

/**
 * Compare-and-set: sets {@code key} to {@code update} if its value equals {@code expected}
 * ({@code null} meaning absent). Result: {@link KvResult#cas(boolean)}.
 */
public record Cas(String key, String expected, String update) implements KvCommand {
    @Override
    public String describe() {
        return "cas(" + key + "," + expected + "," + update + ")";
    }
}
