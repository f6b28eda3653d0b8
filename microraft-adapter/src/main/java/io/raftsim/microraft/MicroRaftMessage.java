package io.raftsim.microraft;

import io.microraft.model.message.RaftMessage;
import io.raftsim.harness.kv.KvCommand;
import io.raftsim.harness.kv.KvResult;
import io.raftsim.harness.spi.ClientProtocol;

import java.util.Objects;

/**
 * What crosses the simulated network when MicroRaft runs under the harness: MicroRaft's
 * own server RPCs, and the clients' requests and the servers' replies.
 */
public sealed interface MicroRaftMessage {
    /** One of MicroRaft's ten RPC types, unchanged. */
    record ServerRpc(RaftMessage message) implements MicroRaftMessage {
        public ServerRpc {
            Objects.requireNonNull(message);
        }
    }

    /** A client's command, numbered by its session; every command, reads too, goes through the log. */
    record ClientRequest(int clientId, long sequence, KvCommand command) implements MicroRaftMessage {
        public ClientRequest {
            Objects.requireNonNull(command);
        }
    }

    /**
     * A server's answer: the result once the entry is applied, or NOT_LEADER with the leader
     * it knows ({@code leaderHint}, -1 for none).
     */
    record ClientReply(int clientId, long sequence, ClientProtocol.Status status, KvResult result, int leaderHint)
            implements MicroRaftMessage {
        public ClientReply {
            Objects.requireNonNull(status);
            if (status == ClientProtocol.Status.OK && result == null) {
                throw new IllegalArgumentException("an OK reply needs a result");
            }
        }
    }
}
