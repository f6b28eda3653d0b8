package io.raftsim.harness.cluster;

import io.raftsim.harness.spi.MessageView;
import io.raftsim.harness.spi.ServerProbe;

/**
 * What the harness tells the checks after a server handled an input, in this order: the
 * changes to its log since the last step ({@link #truncated}, then {@link #appended}), the
 * message it received, that it handled the input, then what it applied. Every report is
 * derived from the server's {@link ServerProbe} by {@link ServerHost}, never by a callback
 * from inside an implementation, and costs O(1) per changed entry.
 */
public interface ServerListener {
    /** A server (re)started; from now on reports about its id concern this incarnation. */
    default void started(int server, ServerProbe probe) {
    }

    /**
     * The server's log holds entry {@code index} of {@code term}, new since the last report;
     * {@code cumulativeHash} covers entries 1..index (equal hashes, equal prefixes).
     */
    default void appended(int server, long index, long term, long cumulativeHash) {
    }

    /** Entries {@code fromIndex..previousLastIndex} left the server's log. */
    default void truncated(int server, long fromIndex, long previousLastIndex) {
    }

    /** The server handled a message of {@code kind} from {@code from} carrying {@code term}; before {@link #handled}. */
    default void received(int server, int from, MessageView.Kind kind, long term, ServerProbe probe) {
    }

    /** After every input the server handled: role, term, vote and commit index are final for this step. */
    default void handled(int server, ServerProbe probe) {
    }

    /** The server applied entry {@code index}, whose prefix hash is {@code cumulativeHash}. */
    default void applied(int server, long index, long cumulativeHash) {
    }

    /** After {@link #applied}: the fingerprint of the server's whole state machine with entries 1..{@code appliedIndex} applied. */
    default void stateApplied(int server, long appliedIndex, long stateFingerprint) {
    }
}
