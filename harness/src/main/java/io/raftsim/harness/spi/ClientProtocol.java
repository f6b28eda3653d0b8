package io.raftsim.harness.spi;

import io.raftsim.harness.kv.KvCommand;
import io.raftsim.harness.kv.KvResult;

/**
 * How the simulated clients talk to an implementation's servers: a command on the wire,
 * and the server's answer: a result, or "not the leader" with a hint where to go. A client
 * retries a command with the same (client id, sequence), so the state machine can apply
 * each at most once (dissertation ch. 6).
 */
public interface ClientProtocol<T> {
    T request(int clientId, long sequence, KvCommand command);

    /** The answer in {@code message}, or null when it is not an answer to a client. */
    Answer answer(T message);

    /**
     * @param result     the command's result when {@code status} is OK
     * @param leaderHint the server the client should try next, or -1 when the server knows none
     */
    record Answer(int clientId, long sequence, Status status, KvResult result, int leaderHint) {
    }

    enum Status { OK, NOT_LEADER }
}
