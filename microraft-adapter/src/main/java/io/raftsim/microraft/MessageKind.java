package io.raftsim.microraft;

/**
 * The kind of an encoded MicroRaft message, read from its first byte without decoding it:
 * for traces, counts and the network's request/reply classification. The tags are part of
 * the byte format that digests and traces record: add kinds at the end, never reorder.
 */
public enum MessageKind {
    VOTE_REQUEST(false),
    VOTE_RESPONSE(true),
    PRE_VOTE_REQUEST(false),
    PRE_VOTE_RESPONSE(true),
    APPEND_ENTRIES_REQUEST(false),
    APPEND_ENTRIES_SUCCESS(true),
    APPEND_ENTRIES_FAILURE(true),
    INSTALL_SNAPSHOT_REQUEST(false),
    INSTALL_SNAPSHOT_RESPONSE(true),
    TRIGGER_LEADER_ELECTION(false);

    private final boolean reply;

    MessageKind(boolean reply) {
        this.reply = reply;
    }

    public boolean isReply() {
        return reply;
    }

    /** MicroRaft's class name for it, as traces show it: {@code AppendEntriesSuccessResponse}. */
    public String displayName() {
        StringBuilder name = new StringBuilder();
        for (String word : name().split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return name.toString();
    }

    /** The tag the codec writes first: the ordinal plus one, so a zero byte is never a message. */
    byte tag() {
        return (byte) (ordinal() + 1);
    }

    static MessageKind ofTag(byte tag) {
        MessageKind[] kinds = values();
        if (tag < 1 || tag > kinds.length) {
            throw new IllegalArgumentException("unknown message tag " + tag);
        }
        return kinds[tag - 1];
    }
}
