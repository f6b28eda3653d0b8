package io.raftsim.scenarios.run;

import io.raftsim.scenarios.format.Condition;

/**
 * A mid-run check or a wait that missed: which step, when, the condition, and what the
 * servers looked like then.
 *
 * @param step the step as the file lists it, e.g. {@code faults[4] (check at 6000 ms)}
 */
public record FailedCheck(String step, long atMicros, Condition condition, String detail) {
}
