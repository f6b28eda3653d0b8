package io.raftsim.scenarios.format;

/** The network fields a {@code network} fault changes; a null field keeps its current value. */
public record NetworkPatch(Long latencyMinMs, Long latencyMaxMs, Double dropRate, Double duplicateRate,
                           Double tailRate, Long tailMaxMs, Boolean fifo) {
}
