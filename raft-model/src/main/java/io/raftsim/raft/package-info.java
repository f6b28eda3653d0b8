/**
 * Raft (Ongaro and Ousterhout, "In Search of an Understandable Consensus Algorithm",
 * extended version) as a pure state machine, with the replicated key-value store, the
 * simulated clients, and the checks run after every step.
 *
 * <p>Packages: {@code message} (RPCs and client messages, immutable records), {@code log}
 * (entries and the log with cumulative hashes), {@code node} (the Raft node: inputs in,
 * effects out), {@code kv} (commands and the store), {@code server} (hosts a node in the
 * engine: persistence, timers, the state machine), {@code client} (simulated clients),
 * {@code check} (Figure 3's properties, step by step), {@code linearizability}
 * (histories and their checker), {@code cluster} (assembles and runs a whole cluster).
 */
package io.raftsim.raft;
