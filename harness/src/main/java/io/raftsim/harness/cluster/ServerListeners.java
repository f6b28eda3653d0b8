package io.raftsim.harness.cluster;

import io.raftsim.harness.spi.MessageView;
import io.raftsim.harness.spi.ServerProbe;

import java.util.List;

/** Tells several listeners of each report, in the order given (the safety monitor first). */
public final class ServerListeners implements ServerListener {
    private final ServerListener[] listeners;

    public ServerListeners(List<ServerListener> listeners) {
        this.listeners = listeners.toArray(ServerListener[]::new);
    }

    public List<ServerListener> listeners() {
        return List.of(listeners);
    }

    @Override
    public void started(int server, ServerProbe probe) {
        for (ServerListener listener : listeners) {
            listener.started(server, probe);
        }
    }

    @Override
    public void appended(int server, long index, long term, long cumulativeHash) {
        for (ServerListener listener : listeners) {
            listener.appended(server, index, term, cumulativeHash);
        }
    }

    @Override
    public void truncated(int server, long fromIndex, long previousLastIndex) {
        for (ServerListener listener : listeners) {
            listener.truncated(server, fromIndex, previousLastIndex);
        }
    }

    @Override
    public void received(int server, int from, MessageView.Kind kind, long term, ServerProbe probe) {
        for (ServerListener listener : listeners) {
            listener.received(server, from, kind, term, probe);
        }
    }

    @Override
    public void handled(int server, ServerProbe probe) {
        for (ServerListener listener : listeners) {
            listener.handled(server, probe);
        }
    }

    @Override
    public void applied(int server, long index, long cumulativeHash) {
        for (ServerListener listener : listeners) {
            listener.applied(server, index, cumulativeHash);
        }
    }

    @Override
    public void stateApplied(int server, long appliedIndex, long stateFingerprint) {
        for (ServerListener listener : listeners) {
            listener.stateApplied(server, appliedIndex, stateFingerprint);
        }
    }
}
