/**
 * JMH benchmarks. Each engine figure is measured next to a bare {@code PriorityQueue} loop of
 * the same shape in the same run, because only the ratio carries from one machine to another.
 * See {@code benchmarks/README.md}.
 */
package io.raftsim.bench;
