/** Placeholder until this layer lands. */
package io.raftsim.sim;
