package io.raftsim.raft.log;

/** Told of every change to a node's log, in order, so checks can follow logs in O(1) per change. */
public interface LogListener {
    LogListener NONE = new LogListener() {
        @Override
        public void appended(int node, LogEntry entry, long cumulativeHash) {
        }

        @Override
        public void truncated(int node, long fromIndex, long previousLastIndex) {
        }
    };

    void appended(int node, LogEntry entry, long cumulativeHash);

    /** Entries {@code fromIndex..previousLastIndex} were removed. */
    void truncated(int node, long fromIndex, long previousLastIndex);
}
