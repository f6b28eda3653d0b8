package io.raftsim.harness.cluster;

import io.raftsim.harness.spi.MessageView;
import io.raftsim.harness.spi.ServerProbe;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The composite must pass on every report, in order, to every listener: a default method it
 * forgot to override would silently starve the safety monitor of it once a second listener is
 * added. (Formerly CompositeHostListenerTest, for the listener the seam replaced.)
 */
class ServerListenersTest {
    @Test
    void overridesEveryListenerMethod() throws NoSuchMethodException {
        for (Method method : ServerListener.class.getMethods()) {
            if (method.isDefault() || java.lang.reflect.Modifier.isAbstract(method.getModifiers())) {
                Method own = ServerListeners.class.getMethod(method.getName(), method.getParameterTypes());
                assertEquals(ServerListeners.class, own.getDeclaringClass(), method.getName() + " is not forwarded");
            }
        }
    }

    @Test
    void forwardsEveryReportToEveryListenerInOrder() {
        List<String> seen = new ArrayList<>();
        class Recording implements ServerListener {
            final String name;

            Recording(String name) {
                this.name = name;
            }

            @Override
            public void started(int server, ServerProbe probe) {
                seen.add(name + " started " + server);
            }

            @Override
            public void appended(int server, long index, long term, long cumulativeHash) {
                seen.add(name + " appended " + index + "@" + term + "#" + cumulativeHash);
            }

            @Override
            public void truncated(int server, long fromIndex, long previousLastIndex) {
                seen.add(name + " truncated " + fromIndex + ".." + previousLastIndex);
            }

            @Override
            public void received(int server, int from, MessageView.Kind kind, long term, ServerProbe probe) {
                seen.add(name + " received " + kind + " " + term + " from " + from);
            }

            @Override
            public void handled(int server, ServerProbe probe) {
                seen.add(name + " handled " + server);
            }

            @Override
            public void applied(int server, long index, long cumulativeHash) {
                seen.add(name + " applied " + index + "#" + cumulativeHash);
            }

            @Override
            public void stateApplied(int server, long appliedIndex, long stateFingerprint) {
                seen.add(name + " state " + appliedIndex + "=" + stateFingerprint);
            }
        }
        ServerListeners both = new ServerListeners(List.of(new Recording("a"), new Recording("b")));
        both.started(1, null);
        both.truncated(1, 2, 3);
        both.appended(1, 2, 4, 99);
        both.received(1, 0, MessageView.Kind.APPEND_REQUEST, 4, null);
        both.handled(1, null);
        both.applied(1, 2, 99);
        both.stateApplied(1, 2, 7);
        assertEquals(List.of("a started 1", "b started 1", "a truncated 2..3", "b truncated 2..3", "a appended 2@4#99", "b appended 2@4#99",
                "a received APPEND_REQUEST 4 from 0", "b received APPEND_REQUEST 4 from 0", "a handled 1", "b handled 1",
                "a applied 2#99", "b applied 2#99", "a state 2=7", "b state 2=7"), seen);
    }
}
