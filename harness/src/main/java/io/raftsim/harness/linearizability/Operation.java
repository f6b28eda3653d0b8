package io.raftsim.harness.linearizability;

import io.raftsim.harness.kv.KvCommand;
import io.raftsim.harness.kv.KvResult;

/**
 * One client operation as the client saw it: invoked at {@code invokeMicros}, answered at
 * {@code completeMicros} with {@code result}. An operation never answered has
 * {@code result == null} and {@code completeMicros == Long.MAX_VALUE}: its outcome is
 * unknown, so it may have taken effect at any point after its invocation, or never.
 */
public record Operation(int id, int client, KvCommand command, long invokeMicros, long completeMicros, KvResult result) {
    public static final long NEVER = Long.MAX_VALUE;

    public boolean outcomeUnknown() {
        return result == null;
    }

    public String describe() {
        return "c" + client + " [" + invokeMicros + ".." + (outcomeUnknown() ? "?" : completeMicros) + "] " + command.describe()
                + " -> " + (outcomeUnknown() ? "?" : result);
    }
}
