package io.raftsim.harness.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The implementations on the class path, found through {@link ServiceLoader} (a line in
 * {@code META-INF/services/io.raftsim.harness.spi.RaftImplementation}), by name. The harness
 * and everything above it name implementations only through here.
 */
public final class Implementations {
    /** The project's own Raft, the default. */
    public static final String DEFAULT = "raftsim";

    private static final TreeMap<String, RaftImplementation<?>> BY_NAME = load();

    private Implementations() {
    }

    private static TreeMap<String, RaftImplementation<?>> load() {
        TreeMap<String, RaftImplementation<?>> byName = new TreeMap<>();
        for (RaftImplementation<?> implementation : ServiceLoader.load(RaftImplementation.class)) {
            RaftImplementation<?> earlier = byName.putIfAbsent(implementation.name(), implementation);
            if (earlier != null) {
                throw new IllegalStateException("two implementations named " + implementation.name());
            }
        }
        return byName;
    }

    /** The implementation named {@code name}, or an IllegalArgumentException listing the known ones. */
    public static RaftImplementation<?> named(String name) {
        RaftImplementation<?> implementation = BY_NAME.get(name);
        if (implementation == null) {
            throw new IllegalArgumentException("unknown implementation '" + name + "'; known: " + String.join(", ", names()));
        }
        return implementation;
    }

    public static List<String> names() {
        return new ArrayList<>(BY_NAME.keySet());
    }
}
