package io.raftsim.scenarios.format;

import java.util.List;

/**
 * A server's durable state at the start of a run, as if earlier incarnations had written
 * it: its current term, its vote in that term, and its log, given as the term of each entry
 * (the entries are no-ops). Lets a scenario start in the middle of a story, such as the
 * paper's Figure 8.
 *
 * @param votedFor the server voted for in {@code term}, or null
 */
public record ServerState(long term, NodeRef votedFor, List<Long> logTerms) {
    public ServerState {
        logTerms = List.copyOf(logTerms);
    }
}
