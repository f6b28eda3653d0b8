/**
 * What raft-model and sim-core record, rendered for people: JSON Lines traces
 * ({@code trace}: writer, streaming reader, replay check; docs/trace-format.md), the HTML
 * timeline ({@code html}), the election-timing experiment of the Raft paper's Figure 16
 * ({@code experiment}; docs/election-timing.md), and atomic output files ({@code io}).
 */
package io.raftsim.reports;
