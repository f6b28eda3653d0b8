package io.raftsim.scenarios.format;

/**
 * The {@code network.clients} block: how the links between clients and servers differ from
 * the links between servers, per direction. The course harnesses drop and delay the answers
 * to a client's calls independently of the calls themselves (6.824's unreliable network), and
 * a lossy client link tests retries and duplicate detection without touching replication.
 *
 * <p>Both are partial: a field left out follows the server links. A client request (client to
 * server) takes {@code requests.X}, else the network's {@code X}; a client reply (server to
 * client: an answer or a redirect) takes {@code replies.X}, else {@code requests.X}, else the
 * network's {@code replies.X}, else its {@code X}. {@code fifo} is the network's.
 *
 * @param requests the fields client requests take differently (the block's own fields)
 * @param replies  the fields client replies take differently (the block's {@code replies})
 */
public record ClientLinks(NetworkPatch requests, NetworkPatch replies) {

    /** Client links go as server links do. */
    public static final ClientLinks NONE = new ClientLinks(NetworkPatch.NONE, NetworkPatch.NONE);

    public ClientLinks {
        if (requests == null || replies == null || requests.fifo() != null || replies.fifo() != null) {
            throw new IllegalArgumentException("client links need two patches without fifo, NetworkPatch.NONE for none: " + requests + " " + replies);
        }
    }

    public boolean isEmpty() {
        return requests.isEmpty() && replies.isEmpty();
    }
}
