package io.raftsim.scenarios.format;

import java.util.ArrayList;
import java.util.List;

/**
 * A state of the cluster a mid-run {@code check} or a waiting step ({@code when}) talks about,
 * read from the servers' probes after every step in O(servers). The servers it covers are
 * {@code among} (every server when empty) less {@code except}, resolved when the check starts,
 * so a bound name means the server it was bound to then. Of those, only servers that are up
 * count; a crashed server has no state to read.
 *
 * @param index for the index conditions: an index from 1, or {@link #NEXT_INDEX} for "one past the
 *              highest commit index of an up server when the check starts" (a new entry)
 * @param count for {@code committed} and {@code applied}: how many servers must have reached the
 *              index, 0 meaning every up server covered; for {@code rpcsAtMost} and
 *              {@code bytesAtMost}: the most RPCs or bytes the window may send (0..{@link #MAX_SENT})
 * @param command for the index conditions, instead of an index (then 0): the entry holding the
 *                {@code command}-th command the scenario's {@code submit} steps submitted (from 1,
 *                in the order clients issue them), wherever it lands in the log; 0 for none. It
 *                names an entry independently of the leaders' no-ops (§8), which take indexes too
 */
public record Condition(Kind kind, List<NodeRef> among, List<NodeRef> except, long index, int count, int command) {
    public static final long NEXT_INDEX = -1;
    /** The largest bound a counting condition takes. */
    public static final int MAX_SENT = 1_000_000_000;

    /** The vocabulary; a condition either must come to hold by a deadline, or must hold throughout a window. */
    public enum Kind {
        /** Exactly one up server leads, and every up server covered is in its term. */
        ONE_LEADER("oneLeader", false, false),
        /** No up server covered leads. */
        NO_LEADER("noLeader", true, false),
        /** At least {@code count} up servers covered have committed {@code index}. */
        COMMITTED("committed", false, true),
        /** No up server covered has committed {@code index}. */
        NOT_COMMITTED("notCommitted", true, true),
        /** At least {@code count} up servers covered have applied {@code index} to their state machine. */
        APPLIED("applied", false, true),
        /**
         * Servers sent at most {@code count} RPCs since the check started (requests between
         * servers; each reply belongs to its request, and client traffic is apart): the course
         * tests' {@code rpcCount}. Counts every server, so it takes no among or except.
         */
        RPCS_AT_MOST("rpcsAtMost", true, false, true),
        /** Servers sent at most {@code count} bytes since the check started, requests and replies. */
        BYTES_AT_MOST("bytesAtMost", true, false, true);

        private final String key;
        private final boolean throughout;
        private final boolean indexed;
        private final boolean counted;

        Kind(String key, boolean throughout, boolean indexed) {
            this(key, throughout, indexed, false);
        }

        Kind(String key, boolean throughout, boolean indexed, boolean counted) {
            this.key = key;
            this.throughout = throughout;
            this.indexed = indexed;
            this.counted = counted;
        }

        /** True for the conditions on what was sent: their {@code count} is a bound, not servers. */
        public boolean counted() {
            return counted;
        }

        /** The name files use. */
        public String key() {
            return key;
        }

        /** True: must hold at every step of the window ({@code forMs}); false: must come to hold by the deadline ({@code withinMs}). */
        public boolean throughout() {
            return throughout;
        }

        public boolean indexed() {
            return indexed;
        }

        public String windowField() {
            return throughout ? "forMs" : "withinMs";
        }

        public static Kind named(String key) {
            for (Kind kind : values()) {
                if (kind.key.equals(key)) {
                    return kind;
                }
            }
            return null;
        }

        public static String names() {
            List<String> names = new ArrayList<>();
            for (Kind kind : values()) {
                names.add(kind.key);
            }
            return String.join(", ", names);
        }
    }

    /** The largest command number a condition names. */
    public static final int MAX_COMMAND = 10_000_000;

    public Condition {
        among = List.copyOf(among);
        except = List.copyOf(except);
        if (command < 0 || command > MAX_COMMAND || (command != 0 && index != 0)) {
            throw new IllegalArgumentException(kind.key() + " names an entry by index or by command, not both: " + index + ", " + command);
        }
        if (kind.indexed() != (index != 0 || command != 0)) {
            throw new IllegalArgumentException(kind.key() + (kind.indexed() ? " needs an index or a command" : " takes no index"));
        }
        if (kind.counted() && (count < 0 || !among.isEmpty() || !except.isEmpty())) {
            throw new IllegalArgumentException(kind.key() + " counts every server, with a bound of 0 or more: " + count);
        }
    }

    /** A condition on an entry named by its index (or none). */
    public Condition(Kind kind, List<NodeRef> among, List<NodeRef> except, long index, int count) {
        this(kind, among, except, index, count, 0);
    }

    /** A counting condition: at most {@code bound} RPCs or bytes. */
    public static Condition atMost(Kind kind, int bound) {
        return new Condition(kind, List.of(), List.of(), 0, bound);
    }

    public static Condition of(Kind kind) {
        return new Condition(kind, List.of(), List.of(), 0, 0);
    }

    /** True when the condition names its entry by the command it holds. */
    public boolean byCommand() {
        return command != 0;
    }

    /** Every server reference the condition names. */
    public List<NodeRef> references() {
        List<NodeRef> all = new ArrayList<>(among);
        all.addAll(except);
        return all;
    }

    /** One line, the same for the same condition: what a failure names and a shrunk failure must keep. */
    public String describe() {
        StringBuilder text = new StringBuilder(kind.key());
        if (byCommand()) {
            text.append(" command ").append(command);
        } else if (kind.indexed()) {
            text.append(" index ").append(index == NEXT_INDEX ? "next" : Long.toString(index));
        }
        if (kind.counted()) {
            text.append(' ').append(count);
        } else if (count > 0) {
            text.append(" on ").append(count);
        }
        if (!among.isEmpty()) {
            text.append(" among ").append(among);
        }
        if (!except.isEmpty()) {
            text.append(" except ").append(except);
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
