package io.raftsim.harness.kv;

/** Reads {@code key}. Result: {@link KvResult#read(String)} with the value, or null when absent. */
public record Get(String key) implements KvCommand {
    @Override
    public String describe() {
        return "get(" + key + ")";
    }
}
