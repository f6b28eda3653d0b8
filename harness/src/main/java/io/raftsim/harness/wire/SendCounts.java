package io.raftsim.harness.wire;

import io.raftsim.harness.spi.MessageView;
import io.raftsim.sim.network.Traffic;

/**
 * What a cluster's processes have sent, counted at the send (before the network drops or
 * duplicates anything), as the course tests count calls: server RPCs (a request, each with
 * its reply), server bytes (requests and replies) and client traffic apart. Counting reads
 * nothing random and changes nothing, so it never changes a run; cumulative, so a window is
 * a difference of two readings.
 */
public final class SendCounts {
    private long serverRpcs;
    private long serverMessages;
    private long serverBytes;
    private long clientMessages;
    private long clientBytes;

    void count(MessageView.Kind kind, Traffic traffic, int bytes) {
        assert bytes >= 0 : bytes;
        if (kind.isServerRpc()) {
            serverMessages++;
            serverBytes += bytes;
            if (traffic == Traffic.REQUEST) {
                serverRpcs++;
            }
        } else {
            clientMessages++;
            clientBytes += bytes;
        }
    }

    /** Server requests sent (vote, pre-vote, append, snapshot...): one per RPC, replies not counted. */
    public long serverRpcs() {
        return serverRpcs;
    }

    /** Server messages sent, requests and replies. */
    public long serverMessages() {
        return serverMessages;
    }

    /** Bytes of server messages sent, requests and replies. */
    public long serverBytes() {
        return serverBytes;
    }

    /** Client requests and the servers' answers to them. */
    public long clientMessages() {
        return clientMessages;
    }

    public long clientBytes() {
        return clientBytes;
    }
}
