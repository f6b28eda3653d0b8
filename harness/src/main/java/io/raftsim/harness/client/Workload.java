package io.raftsim.harness.client;

/**
 * What the simulated clients do: each issues one operation at a time, waiting a random
 * think time (mean {@code 1/opsPerSecond}) between a completion and the next invocation,
 * on {@code keyCount} keys. {@link #stop()} lets them finish what they have started and
 * issue nothing new (the liveness phase).
 *
 * @param requestTimeoutMicros a client retries at another server after this long without an answer
 * @param redirectBackoffMicros wait before retrying when no server knows a leader
 */
public record Workload(int clientCount, double opsPerSecond, int keyCount, long requestTimeoutMicros, long redirectBackoffMicros) {

    public Workload {
        if (clientCount < 0 || keyCount < 1 || opsPerSecond < 0 || requestTimeoutMicros <= 0 || redirectBackoffMicros <= 0) {
            throw new IllegalArgumentException("invalid workload: " + clientCount + " clients, " + opsPerSecond + " ops/s, " + keyCount + " keys");
        }
    }

    public static Workload of(int clientCount, double opsPerSecond, int keyCount) {
        return new Workload(clientCount, opsPerSecond, keyCount, 400_000, 20_000);
    }

    public static Workload none() {
        return of(0, 0, 1);
    }
}
