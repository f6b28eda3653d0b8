package io.raftsim.sim.network;

/**
 * Which way a message goes in a request/response exchange, as the process layer classifies
 * it ({@code MessageCodec.traffic}): the network applies a link's reply settings to replies
 * and its own settings to everything else. sim-core itself knows no protocol; a codec that
 * does not classify sends everything as {@link #REQUEST}.
 */
public enum Traffic {
    /** A request, or any message that answers nothing (the default). */
    REQUEST,
    /** An answer to a request: routed with the link's {@link LinkConfig#replies()} override. */
    REPLY
}
