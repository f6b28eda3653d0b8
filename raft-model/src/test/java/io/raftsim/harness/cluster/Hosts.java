package io.raftsim.harness.cluster;

import io.raftsim.harness.spi.RaftProcess;
import io.raftsim.harness.spi.ServerProbe;
import io.raftsim.harness.spi.WireCodec;
import io.raftsim.harness.wire.WireProcess;
import io.raftsim.sim.engine.Process;

/**
 * The harness's own {@link ServerHost}, for tests that build an engine of their own (a monitor
 * with chosen bounds, say) yet want servers watched exactly as a {@link Cluster} watches them.
 */
public final class Hosts {
    private Hosts() {
    }

    public static <T> Process<T> host(int id, RaftProcess<T> server, WireCodec<T> codec, LogMirror mirror, ServerListener listener) {
        return new ServerHost<>(id, server, codec, mirror, listener);
    }

    /** The probe of the server an engine process hosts, or null when it hosts none (a client, or a crashed server). */
    public static ServerProbe probe(Process<?> process) {
        return process instanceof WireProcess<?, ?> wire && wire.inner() instanceof ServerHost<?> host ? host.probe() : null;
    }
}
