/**
 * What users touch: scenarios and their runner, and the {@code raftsim} command
 * ({@code cli}). The scenario file format, the catalogue, sweeps, replay and shrinking
 * arrive here (issue 4); today the command runs the swarm-tested random scenario and the
 * standard benchmarks.
 */
package io.raftsim.scenarios;
