package io.raftsim.reports.narration;

import java.util.Optional;

/**
 * The moments of a run a scenario's note can be tied to, so a note lands on the right step
 * whatever the seed (which server times out first, and when, is drawn from the seed). Each
 * has a JSON name, used in scenario files ({@code "on": "leader"}).
 */
public enum NoteTrigger {
    /** A server's election timer fired and it became a candidate for a new term (§5.2). */
    CANDIDATE("candidate"),
    /** With PreVote, a server's timer fired and it asks whether it could win, keeping its term (§9.6). */
    PRE_CANDIDATE("preCandidate"),
    /** A server granted its vote (§5.2). */
    VOTE("vote"),
    /** A server refused a vote or pre-vote: term, a vote already given, or the log check (§5.4.1). */
    REFUSE("refuse"),
    /** A candidate won a majority and became leader (§5.2). */
    LEADER("leader"),
    /** A term ended with votes split between candidates and no leader (§5.2). */
    SPLIT_VOTE("splitVote"),
    /** A client request reached a server. */
    CLIENT_REQUEST("clientRequest"),
    /** A server that is not the leader sent a client away, naming the leader it knows. */
    REDIRECT("redirect"),
    /** A server appended an entry holding a client command (§5.3). */
    APPEND("append"),
    /** A server's commit index passed an entry holding a client command (§5.3, §5.4.2). */
    COMMIT("commit"),
    /** A server's state machine applied a client command. */
    APPLY("apply"),
    /** A client got the answer to an operation. */
    REPLY("reply"),
    /** A server removed entries that conflict with the leader's log (§5.3). */
    ROLLBACK("rollback"),
    CRASH("crash"),
    /** A server restarted from what it persisted. */
    RESTART("restart"),
    PARTITION("partition"),
    HEAL("heal"),
    /** A server uses a new configuration: a configuration entry appended, or one rolled back (dissertation §4.1). */
    CONFIGURATION("configuration");

    private final String jsonName;

    NoteTrigger(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    public static Optional<NoteTrigger> fromJsonName(String name) {
        for (NoteTrigger trigger : values()) {
            if (trigger.jsonName.equals(name)) {
                return Optional.of(trigger);
            }
        }
        return Optional.empty();
    }

    /** The JSON names, for an error message that lists what is allowed. */
    public static String jsonNames() {
        StringBuilder names = new StringBuilder();
        for (NoteTrigger trigger : values()) {
            names.append(names.length() == 0 ? "" : ", ").append(trigger.jsonName);
        }
        return names.toString();
    }
}
