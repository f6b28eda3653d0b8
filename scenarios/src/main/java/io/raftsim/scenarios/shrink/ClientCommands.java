package io.raftsim.scenarios.shrink;

import io.raftsim.scenarios.format.Condition;
import io.raftsim.scenarios.format.FaultStep;
import io.raftsim.scenarios.format.Scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether the conditions that wait for entries ({@code committed}, {@code applied}: the next
 * index, an index, a command; a check's, a count's {@code until}, a step's {@code when}) still
 * have client commands to wait for. Only client commands make new entries (and, with
 * {@code raft.leaderNoOp} off, commit old ones), so in a run without clients, or whose
 * clients issue nothing by a check's deadline, such a check misses for want of a command: the
 * same condition missed, and no failure of the Raft under test. The shrinker refuses such a
 * candidate, so a shrunk file keeps a client (and its workload, or a submit) for every
 * check that needs one.
 */
final class ClientCommands {
    private ClientCommands() {
    }

    /** The index of the first step whose waited-for entry no client command could feed; null when every one can be. */
    static Integer firstUnfed(Scenario scenario) {
        List<FaultStep> steps = scenario.faults();
        for (int i = 0; i < steps.size(); i++) {
            FaultStep step = steps.get(i);
            if (waitsForEntries(step) && !fed(scenario, startMicros(step), endMicros(step))) {
                return i;
            }
        }
        return null;
    }

    private static boolean waitsForEntries(FaultStep step) {
        List<Condition> conditions = new ArrayList<>();
        if (step instanceof FaultStep.Check check) {
            conditions.add(check.condition());
            conditions.add(check.until());
        } else if (step instanceof FaultStep.Staged staged) {
            conditions.add(staged.when());
        }
        return conditions.stream().anyMatch(condition -> condition != null
                && (condition.kind() == Condition.Kind.COMMITTED || condition.kind() == Condition.Kind.APPLIED));
    }

    private static long startMicros(FaultStep step) {
        return step.atMicros();
    }

    /** A check's deadline, a wait's bound. */
    private static long endMicros(FaultStep step) {
        if (step instanceof FaultStep.Check check) {
            return check.atMicros() + check.windowMicros();
        }
        return step instanceof FaultStep.Staged staged ? staged.latestMicros() : step.atMicros();
    }

    /**
     * Some client can issue a command by {@code endMicros}: there are clients, and a
     * {@code submit} or {@code clientBurst} step comes by then, or their own workload
     * ({@code opsPerSecond} above 0) runs at some moment of [{@code startMicros}, {@code endMicros}]
     * ({@code stopClients} and {@code startClients} steps switch it).
     */
    private static boolean fed(Scenario scenario, long startMicros, long endMicros) {
        if (scenario.clients().count() == 0) {
            return false;
        }
        boolean workloadAtStart = true;
        long lastSwitchMicros = -1;
        boolean startedInWindow = false;
        for (FaultStep step : scenario.faults()) {
            FaultStep plain = step instanceof FaultStep.Staged staged ? staged.step() : step;
            if ((plain instanceof FaultStep.Submit || plain instanceof FaultStep.ClientBurst) && step.atMicros() <= endMicros) {
                return true;
            }
            if (plain instanceof FaultStep.Clients clients) {
                if (step.atMicros() <= startMicros && step.atMicros() >= lastSwitchMicros) {
                    // The latest switch by the start, in time order (steps at one time in list order).
                    workloadAtStart = clients.issuing();
                    lastSwitchMicros = step.atMicros();
                } else if (clients.issuing() && step.atMicros() <= endMicros) {
                    startedInWindow = true;
                }
            }
        }
        return scenario.clients().opsPerSecond() > 0 && (workloadAtStart || startedInWindow);
    }
}
