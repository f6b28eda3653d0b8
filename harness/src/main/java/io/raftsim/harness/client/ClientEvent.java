package io.raftsim.harness.client;

/** What a simulated client reports for traces and timelines; recorded only when tracing. */
public sealed interface ClientEvent {
    /** The client started operation {@code sequence}. */
    record Invoked(int client, long sequence, String operation) implements ClientEvent {
    }

    /** Server {@code server} answered operation {@code sequence} with {@code result}. */
    record Completed(int client, long sequence, int server, String result) implements ClientEvent {
    }
}
