package io.raftsim.raft.server;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The composite must pass on every report: a default method it forgot to override would
 * silently starve the safety monitor of it once a second listener is added.
 */
class CompositeHostListenerTest {
    @Test
    void overridesEveryListenerMethod() throws NoSuchMethodException {
        for (Method method : RaftHostListener.class.getMethods()) {
            if (method.isDefault() || java.lang.reflect.Modifier.isAbstract(method.getModifiers())) {
                Method own = CompositeHostListener.class.getMethod(method.getName(), method.getParameterTypes());
                assertEquals(CompositeHostListener.class, own.getDeclaringClass(), method.getName() + " is not forwarded");
            }
        }
    }
}
