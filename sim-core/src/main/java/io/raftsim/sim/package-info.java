/**
 * The deterministic discrete-event engine. It knows nothing of Raft: it runs any set of
 * {@link io.raftsim.sim.engine.Process processes} on one thread under a virtual clock,
 * over a simulated network with faults, and the same seed always gives the same run.
 *
 * <p>Layers, one package each: {@code random} (seeded streams), {@code engine} (event
 * queue, processes, observers, run results), {@code network} (links and partitions),
 * {@code storage} (durable state that survives a crash), {@code fault} (timed fault
 * actions and their random generator), {@code trace} (step records and the run digest).
 */
package io.raftsim.sim;
