package io.raftsim.harness.kv;

/** Sets {@code key} to {@code value}. Result: {@link KvResult#done()}. */
public record Put(String key, String value) implements KvCommand {
    @Override
    public String describe() {
        return "put(" + key + "," + value + ")";
    }
}
