package io.raftsim.microraft;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/**
 * The {@link Clock} MicroRaft reads (through {@code millis()}: leader heartbeat timestamps,
 * follower response times, query timeouts), answering with the simulation's virtual time
 * instead of the wall clock. Virtual time 0 is the epoch.
 */
public final class VirtualClock extends Clock {
    private final LongSupplier nowMicros;

    /** @param nowMicros the virtual time in microseconds, sim-core's unit */
    public VirtualClock(LongSupplier nowMicros) {
        this.nowMicros = nowMicros;
    }

    @Override
    public long millis() {
        return Math.floorDiv(nowMicros.getAsLong(), 1_000L);
    }

    @Override
    public Instant instant() {
        long micros = nowMicros.getAsLong();
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** Only UTC: MicroRaft never asks for another zone, and one zone keeps this class trivial. */
    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone)) {
            throw new UnsupportedOperationException("virtual clock is UTC only: " + zone);
        }
        return this;
    }
}
