package com.example.myraft;

import com.example.myraft.Message.ClientReply;
import com.example.myraft.Message.ClientRequest;
import io.raftsim.harness.kv.KvCommand;
import io.raftsim.harness.spi.ClientProtocol;

/**
 * How raftsim's simulated clients speak to my-raft: they send a {@link ClientRequest} and read
 * a {@link ClientReply}, following its leader hint when the server is not the leader (§8).
 */
final class MyClients implements ClientProtocol<Message> {
    @Override
    public Message request(int clientId, long sequence, KvCommand command) {
        return new ClientRequest(clientId, sequence, command);
    }

    @Override
    public Answer answer(Message message) {
        if (!(message instanceof ClientReply reply)) {
            return null;
        }
        return new Answer(reply.clientId(), reply.sequence(), reply.ok() ? Status.OK : Status.NOT_LEADER, reply.result(), reply.leaderHint());
    }
}
