package io.raftsim.scenarios.run;

import io.raftsim.harness.spi.Feature;
import io.raftsim.harness.spi.Implementations;
import io.raftsim.harness.spi.RaftImplementation;
import io.raftsim.harness.spi.SettingsException;
import io.raftsim.scenarios.format.RaftSettings;
import io.raftsim.scenarios.format.FaultStep;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.format.SubmittedCommands;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a scenario needs of the implementation it runs, read off the scenario itself: a
 * scenario that turns PreVote on needs PreVote, one that starts from a written state needs
 * {@link Feature#PRELOAD}. An implementation that lacks one is not failed by the scenario:
 * the run is refused with the reason, and {@code conform} reports it as skipped.
 */
public final class Requirements {
    private Requirements() {
    }

    /** Each feature the scenario needs, with the field that makes it need it. */
    public static Map<Feature, String> of(Scenario scenario) {
        Map<Feature, String> needs = new EnumMap<>(Feature.class);
        for (Feature feature : scenario.implementation().requires()) {
            needs.put(feature, "the scenario requires it");
        }
        RaftSettings raft = scenario.raft();
        if (raft.preVote()) {
            needs.put(Feature.PRE_VOTE, "raft.preVote is true");
        }
        if (raft.checkQuorum()) {
            needs.put(Feature.CHECK_QUORUM, "raft.checkQuorum is true");
        }
        if (raft.fastBacktrack()) {
            needs.put(Feature.FAST_BACKTRACK, "raft.fastBacktrack is true");
        }
        if (raft.maxEntriesPerAppend() != RaftSettings.DEFAULT.maxEntriesPerAppend()) {
            needs.put(Feature.BATCHING, "raft.maxEntriesPerAppend is " + raft.maxEntriesPerAppend());
        }
        if (raft.maxInflightAppends() > 1) {
            needs.put(Feature.PIPELINING, "raft.maxInflightAppends is " + raft.maxInflightAppends());
        }
        if (raft.snapshotEveryEntries() > 0) {
            needs.put(Feature.SNAPSHOTS, "raft.snapshotEveryEntries is " + raft.snapshotEveryEntries());
        }
        if (raft.electionTimerResetOnHigherTerm()) {
            needs.put(Feature.TIMER_RESET_OPTION, "raft.electionTimerResetOnHigherTerm is true");
        }
        if (!raft.leaderNoOp()) {
            needs.put(Feature.LEADER_NO_OP_OPTION, "raft.leaderNoOp is false");
        }
        switch (raft.readMode()) {
            case READ_INDEX -> needs.put(Feature.READ_INDEX, "raft.readMode is readIndex");
            case LEASE -> needs.put(Feature.LEASE_READS, "raft.readMode is lease");
            case LOG -> { }
        }
        if (!raft.firstElectionTimeoutMs().isEmpty()) {
            needs.put(Feature.STAGED_ELECTION_TIMEOUTS, "raft.firstElectionTimeoutMs stages a race");
        }
        if (SubmittedCommands.anyByCommand(scenario.faults())) {
            needs.put(Feature.COMMAND_PROBE, "a check names an entry by \"command\"");
        }
        if (!scenario.initialState().isEmpty()) {
            needs.put(Feature.PRELOAD, "initialState starts servers from a written state");
        }
        if (scenario.hasSpareServers()) {
            needs.put(Feature.MEMBERSHIP_CHANGES, "initialMembers leaves spare servers");
        }
        for (FaultStep step : scenario.faults()) {
            FaultStep plain = FaultStep.plain(step);
            if (plain instanceof FaultStep.TransferLeadership) {
                needs.put(Feature.LEADERSHIP_TRANSFER, "faults has a transferLeadership step");
            } else if (plain instanceof FaultStep.Membership) {
                needs.putIfAbsent(Feature.MEMBERSHIP_CHANGES, "faults ask for a membership change (" + step.action() + ")");
            } else if (plain instanceof FaultStep.JointChange) {
                needs.putIfAbsent(Feature.MEMBERSHIP_CHANGES, "faults ask for a membership change (" + step.action() + ")");
                needs.putIfAbsent(Feature.JOINT_CONSENSUS, "faults change several servers at once (changeMembership)");
            }
        }
        return needs;
    }

    /**
     * Why the scenario's implementation cannot run it: settings it refuses, then one reason per
     * missing feature; empty when it can.
     */
    public static List<String> missing(Scenario scenario) {
        RaftImplementation<?> implementation;
        try {
            implementation = Implementations.named(scenario.implementation().name());
        } catch (IllegalArgumentException e) {
            return List.of(e.getMessage());
        }
        List<String> reasons = new ArrayList<>();
        try {
            implementation.validate(scenario.raft().toConfig(scenario.nodes()), scenario.implementation().settings());
        } catch (SettingsException e) {
            reasons.add("implementationSettings: " + implementation.name() + ": " + e.getMessage());
        }
        of(scenario).forEach((feature, why) -> {
            if (!implementation.features().contains(feature)) {
                reasons.add(why + ", which needs " + feature + ": " + implementation.name() + " does not support it");
            }
        });
        return reasons;
    }
}
