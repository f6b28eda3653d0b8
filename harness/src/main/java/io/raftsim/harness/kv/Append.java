package io.raftsim.harness.kv;

/** Appends {@code value} to the current value of {@code key} (absent counts as ""). Result: {@link KvResult#done()}. */
public record Append(String key, String value) implements KvCommand {
    @Override
    public String describe() {
        return "append(" + key + "," + value + ")";
    }
}
