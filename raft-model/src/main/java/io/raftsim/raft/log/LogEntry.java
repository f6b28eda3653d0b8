package io.raftsim.raft.log;

/** One log entry: the term in which a leader created it, its position, and its command (§5.3). */
public record LogEntry(long term, long index, Command command) {
    public LogEntry {
        if (term <= 0 || index <= 0) {
            throw new IllegalArgumentException("log entries have positive term and index: term " + term + ", index " + index);
        }
    }

    @Override
    public String toString() {
        return index + ":" + term + " " + command.describe();
    }
}
