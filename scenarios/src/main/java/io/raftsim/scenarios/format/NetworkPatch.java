package io.raftsim.scenarios.format;

/** The network fields a {@code network} fault changes; a null field keeps its current value. */
public record NetworkPatch(Double latencyMinMs, Double latencyMaxMs, Double dropRate, Double duplicateRate,
                           Double tailRate, Double tailMaxMs, Boolean fifo) {
}
