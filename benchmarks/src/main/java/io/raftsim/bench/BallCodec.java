package io.raftsim.bench;

import io.raftsim.sim.engine.MessageCodec;

/** Fingerprints a ball by its volley count (a fixed formula, as the engine requires). */
public final class BallCodec implements MessageCodec<Ball> {
    public static final BallCodec INSTANCE = new BallCodec();

    private BallCodec() {
    }

    @Override
    public long fingerprint(Ball message) {
        return message.volley();
    }

    @Override
    public String summary(Ball message) {
        return "ball volley=" + message.volley();
    }
}
