package io.raftsim.scenarios.run;

import io.raftsim.scenarios.format.Expectation;

/** Whether one {@code expect} condition was reached, and what was seen. */
public record ExpectationResult(Expectation expectation, boolean reached, String detail) {
    @Override
    public String toString() {
        return (reached ? "reached " : "NOT reached ") + expectation.name() + ": " + detail;
    }
}
