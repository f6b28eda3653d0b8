package io.raftsim.harness.check;

import java.util.List;

/**
 * What the efficiency checks measured in one run, for summaries and sweeps.
 *
 * @param leaderRecoveryMicros     per leader change in a quiet window: from losing the leader (or the window's start) to a leader heard by the whole quiet majority
 * @param electionsPerLeaderChange per such leader change: the terms started by the quiet majority
 * @param messagesPerEntryTenths   per quiet interval of one leader with entries committed: RPCs delivered per committed entry, in tenths
 * @param candidaciesJudged        timer-driven (pre-)candidacies checked against the wasted-election rule
 */
public record EfficiencyStats(List<Long> leaderRecoveryMicros, List<Long> electionsPerLeaderChange,
                              List<Long> messagesPerEntryTenths, long candidaciesJudged) {
    public EfficiencyStats {
        leaderRecoveryMicros = List.copyOf(leaderRecoveryMicros);
        electionsPerLeaderChange = List.copyOf(electionsPerLeaderChange);
        messagesPerEntryTenths = List.copyOf(messagesPerEntryTenths);
    }

    public static final EfficiencyStats NONE = new EfficiencyStats(List.of(), List.of(), List.of(), 0);
}
