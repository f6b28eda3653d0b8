package io.raftsim.sim.trace;

/** What a trace record reports. One step (one event processed) emits one or more records. */
public enum TraceKind {
    /** A process started or restarted (its {@code onStart} ran). */
    START,
    /** A message was handed to its destination process. */
    DELIVER,
    /** A timer fired and its process handled it. */
    TIMER,
    /** A fault action was applied (partition, crash, drift, network change...). */
    FAULT,
    /** A control action that is not a fault (a client burst, a phase change of the runner). */
    CONTROL,
    /** A process sent a message; the record carries the virtual delivery time as its detail. */
    SEND,
    /** A message was lost: by the loss rate, a partition, a full link, or a down destination. */
    DROP,
    /** The network delivered an extra copy of a message. */
    DUPLICATE,
    /** An event for a paused process was held back until it resumes. */
    DEFER,
    /** A process-level event (a Raft role change, an append, a commit), carried as payload. */
    PROCESS,
    /** An observer stopped the run. */
    VIOLATION
}
