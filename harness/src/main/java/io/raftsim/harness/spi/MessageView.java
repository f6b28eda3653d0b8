package io.raftsim.harness.spi;

import java.util.List;

/**
 * A message as traces, timelines and the efficiency checks see it, whatever the
 * implementation: what kind of Raft message it is, its term, and its fields in a fixed order.
 *
 * @param type    the implementation's own name for it ({@code "AppendEntries"}, {@code "VoteRequest"})
 * @param kind    what it is in Raft's terms
 * @param term    the sender's term (0 for client traffic)
 * @param fields  name and value pairs in the order a trace writes them; values are Long,
 *                Integer, Boolean, String or null
 * @param entries the log entries it carries, or empty
 */
public record MessageView(String type, Kind kind, long term, List<Field> fields, List<EntryView> entries) {
    public MessageView {
        fields = List.copyOf(fields);
        entries = List.copyOf(entries);
    }

    /** What a message is in Raft's terms; the efficiency checks count by kind. */
    public enum Kind {
        VOTE_REQUEST,
        PRE_VOTE_REQUEST,
        VOTE_REPLY,
        PRE_VOTE_REPLY,
        APPEND_REQUEST,
        APPEND_REPLY,
        SNAPSHOT_REQUEST,
        SNAPSHOT_REPLY,
        CLIENT_REQUEST,
        CLIENT_REPLY,
        /** Anything else an implementation sends (a leadership-transfer nudge, say). */
        OTHER;

        public boolean isServerRpc() {
            return this != CLIENT_REQUEST && this != CLIENT_REPLY;
        }
    }

    public record Field(String name, Object value) {
    }

    public record EntryView(long index, long term, String command) {
    }
}
