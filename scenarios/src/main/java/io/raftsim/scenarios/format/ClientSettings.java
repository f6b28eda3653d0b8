package io.raftsim.scenarios.format;

import io.raftsim.harness.client.Workload;
import io.raftsim.sim.engine.Time;

/**
 * The {@code clients} block: {@code count} simulated clients, each with one operation at a
 * time and a mean think time of {@code 1/opsPerSecond} between them, on {@code keys} keys;
 * a client retries at another server after {@code requestTimeoutMs} without an answer.
 */
public record ClientSettings(int count, double opsPerSecond, int keys, long requestTimeoutMs) {
    public static final ClientSettings DEFAULT = new ClientSettings(2, 20, 4, 400);

    public Workload toWorkload() {
        return new Workload(count, opsPerSecond, keys, Time.ms(requestTimeoutMs), 20_000);
    }

    public ClientSettings withCount(int clients) {
        return new ClientSettings(clients, opsPerSecond, keys, requestTimeoutMs);
    }
}
