package io.raftsim.harness.spi;

import io.raftsim.harness.kv.KvCommand;

import java.util.List;

/**
 * A durable state to start a server from: term, vote and log, as earlier incarnations would
 * have written it (the paper's Figure 8 starts mid-story).
 */
public record PersistedState(long currentTerm, int votedFor, List<Entry> log) {
    public PersistedState {
        log = List.copyOf(log);
    }

    /**
     * One log entry: a client command ({@code command} non-null, with the client id and
     * sequence number its session uses) or an implementation's no-op ({@code command} null).
     */
    public record Entry(long term, int clientId, long sequence, KvCommand command) {
        public static Entry noOp(long term) {
            return new Entry(term, -1, 0, null);
        }
    }
}
