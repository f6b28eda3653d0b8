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
 *              index; 0 means every up server covered
 */
public record Condition(Kind kind, List<NodeRef> among, List<NodeRef> except, long index, int count) {
    public static final long NEXT_INDEX = -1;

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
        APPLIED("applied", false, true);

        private final String key;
        private final boolean throughout;
        private final boolean indexed;

        Kind(String key, boolean throughout, boolean indexed) {
            this.key = key;
            this.throughout = throughout;
            this.indexed = indexed;
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

    public Condition {
        among = List.copyOf(among);
        except = List.copyOf(except);
        if (kind.indexed() != (index != 0)) {
            throw new IllegalArgumentException(kind.key() + (kind.indexed() ? " needs an index" : " takes no index"));
        }
    }

    public static Condition of(Kind kind) {
        return new Condition(kind, List.of(), List.of(), 0, 0);
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
        if (kind.indexed()) {
            text.append(" index ").append(index == NEXT_INDEX ? "next" : Long.toString(index));
        }
        if (count > 0) {
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
