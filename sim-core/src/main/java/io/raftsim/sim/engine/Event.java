package io.raftsim.sim.engine;

/**
 * An entry of the event queue. Ordered by virtual time, then by a sequence number taken
 * from one monotonic counter when the event was (re)scheduled, so that equal times run in
 * first-in-first-out order of issue, as in FoundationDB. Mutable on purpose: a timer's
 * event is re-armed in place, and the heap keeps each event's position for O(log n) removal.
 */
abstract sealed class Event permits MessageEvent, TimerEvent, ControlEvent, StartEvent {
    long timeMicros;
    long seq;
    /** Position in the heap array, or -1 when not queued. */
    int heapIndex = -1;

    final boolean isQueued() {
        return heapIndex >= 0;
    }
}

/** A message in flight from {@code from} to {@code to}. */
final class MessageEvent<M> extends Event {
    final int from;
    final int to;
    final M message;
    final long fingerprint;
    /** Set once the message reached a paused node and is waiting for it; it has left the network. */
    boolean held;

    MessageEvent(int from, int to, M message, long fingerprint) {
        this.from = from;
        this.to = to;
        this.message = message;
        this.fingerprint = fingerprint;
    }
}

/** One timer of one node; a single object per (node, timer id), re-armed in place. */
final class TimerEvent extends Event {
    final int node;
    final int timerId;

    TimerEvent(int node, int timerId) {
        this.node = node;
        this.timerId = timerId;
    }
}

/** A fault or control action scheduled at a virtual time. */
final class ControlEvent extends Event {
    final ControlAction action;

    ControlEvent(ControlAction action) {
        this.action = action;
    }
}

/** The first start of a node at the beginning of the run. */
final class StartEvent extends Event {
    final int node;

    StartEvent(int node) {
        this.node = node;
    }
}
