package io.raftsim.scenarios.format;

import java.util.ArrayList;
import java.util.List;

/**
 * The static side of naming an entry by command ({@code "command": K}, the K-th command the
 * {@code submit} steps submit): which conditions of a step do, and whether submit steps could
 * have submitted K commands by the time such a condition is judged. The reader refuses a
 * command no submit step could have submitted by then, and the shrinker keeps the submits a
 * kept check counts on, so a shrunk check still talks about a command that exists.
 */
public final class SubmittedCommands {
    private SubmittedCommands() {
    }

    /** A condition naming command {@code command} at step {@code stepIndex}, when at most {@code submitted} could have been submitted. */
    public record Beyond(int stepIndex, int command, long submitted) {
    }

    /** The conditions of a step that name their entry by command. */
    public static List<Condition> conditions(FaultStep step) {
        List<Condition> named = new ArrayList<>();
        if (step instanceof FaultStep.Check check) {
            add(named, check.condition());
            add(named, check.until());
        } else if (step instanceof FaultStep.Staged staged) {
            add(named, staged.when());
        }
        return named;
    }

    private static void add(List<Condition> named, Condition condition) {
        if (condition != null && condition.byCommand()) {
            named.add(condition);
        }
    }

    /** The last moment a step's conditions are judged: a check's deadline, a wait's bound. */
    static long endMicros(FaultStep step) {
        if (step instanceof FaultStep.Check check) {
            return check.atMicros() + check.windowMicros();
        }
        return step instanceof FaultStep.Staged staged && staged.when() != null ? staged.latestMicros() : step.atMicros();
    }

    /** Commands the submit steps at or before {@code micros} submit ({@code "all"}: one per server each). */
    public static long submittedBy(List<FaultStep> faults, long micros, int nodes) {
        long submitted = 0;
        for (FaultStep step : faults) {
            if (FaultStep.plain(step) instanceof FaultStep.Submit submit && step.atMicros() <= micros) {
                submitted += (long) submit.count() * (submit.node() == null ? nodes : 1);
            }
        }
        return submitted;
    }

    /** The first step (in list order) naming a command beyond what submit steps submit by its end; null when none does. */
    public static Beyond firstBeyond(List<FaultStep> faults, int nodes) {
        for (int i = 0; i < faults.size(); i++) {
            for (Condition condition : conditions(faults.get(i))) {
                long submitted = submittedBy(faults, endMicros(faults.get(i)), nodes);
                if (condition.command() > submitted) {
                    return new Beyond(i, condition.command(), submitted);
                }
            }
        }
        return null;
    }

    /** True when some step names an entry by command. */
    public static boolean anyByCommand(List<FaultStep> faults) {
        for (FaultStep step : faults) {
            if (!conditions(step).isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
