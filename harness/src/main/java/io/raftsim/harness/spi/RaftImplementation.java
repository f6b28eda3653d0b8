package io.raftsim.harness.spi;

import java.util.Collections;
import io.raftsim.harness.RaftConfig;
import io.raftsim.sim.engine.ProcessContext;
import io.raftsim.sim.storage.DurableStorage;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Raft implementation as the harness sees it: the one seam between "a Raft" and
 * everything that tests one (the cluster, the simulated clients, the checks, the traces).
 * The harness never names an implementation's classes; it finds implementations by name
 * through {@link Implementations}.
 *
 * <p>An implementation must behave as a deterministic simulated process: handlers run to
 * completion on the one simulation thread, time is {@link ProcessContext#nowMicros()},
 * randomness is {@link ProcessContext#random()}, and what must survive a crash goes to
 * {@link ProcessContext#storage()}. Its messages cross the simulated network as bytes
 * ({@link WireCodec}), so two servers never share an object.
 *
 * @param <T> the implementation's message type: server RPCs and client traffic alike
 */
public interface RaftImplementation<T> {
    /** The name scenarios select it by ({@code "implementation": "raftsim"}): lower case, no spaces. */
    String name();

    /** One line: what it is, and its version. */
    String description();

    /** What it supports; a scenario that needs more is skipped with the reason, never failed. */
    Set<Feature> features();

    /**
     * Checks the implementation-specific settings of a scenario (the {@code "implementationSettings"}
     * object, or {@code --set NAME.KEY=VALUE}) together with the common ones.
     *
     * @throws SettingsException naming the first bad key and value, in one line
     */
    void validate(RaftConfig config, Map<String, String> settings) throws SettingsException;

    /**
     * Known mistakes this implementation can plant for tests of the checks (a negative
     * control: the harness must catch each); empty when it has none. Never planted in a
     * run unless asked for by name.
     */
    List<PlantedMistake> plantableMistakes();

    /** The planted mistake named {@code name}, or null. */
    default PlantedMistake plantableMistake(String name) {
        for (PlantedMistake mistake : plantableMistakes()) {
            if (mistake.name().equals(name)) {
                return mistake;
            }
        }
        return null;
    }

    /**
     * The mistake {@code conform} plants as its negative control: a run of the random scenario
     * with it planted must fail with its expected property. Null when there is none.
     */
    default String negativeControl() {
        List<PlantedMistake> mistakes = plantableMistakes();
        return mistakes.isEmpty() ? null : mistakes.get(0).name();
    }

    /**
     * Classes whose code sources (a directory or a jar) {@code conform}'s determinism scan reads:
     * the implementation's own code, and a library it runs, if any. Only each class's package and
     * the packages below it are read, so one jar that bundles everything (the launcher's) is fine.
     */
    default List<Class<?>> scannedClasses() {
        return List.of(getClass());
    }

    /**
     * Forbidden APIs (as ForbiddenApi.api() names them, e.g. {@code new java.util.Random}) the scanned
     * classes use but the implementation neutralises, each with how: a library's unseeded
     * {@code new Random()} replaced through its builder, say. {@code conform} lists them
     * instead of failing; any other use fails the scan.
     */
    default Map<String, String> neutralisedNondeterminism() {
        return Collections.emptySortedMap();
    }

    /**
     * Whether the implementation's servers write their own {@link io.raftsim.harness.event.RaftEvent}s
     * to the trace ({@link ProcessContext#trace}). When not, the harness writes the events it can
     * read off the probe (restarts, roles, terms, votes, log changes, commits), so every
     * implementation gets a timeline.
     */
    default boolean reportsEvents() {
        return false;
    }

    WireCodec<T> codec();

    ClientProtocol<T> clientProtocol();

    /** Creates one incarnation of one server: at the start of a run and after every restart. */
    RaftProcess<T> create(ProcessContext<T> context, ServerSetup setup);

    /**
     * Writes a durable state a server will start from, as if written by earlier incarnations
     * (the paper's Figure 8 starts mid-story). Needs {@link Feature#PRELOAD}.
     */
    default void preload(DurableStorage storage, PersistedState state) {
        throw new UnsupportedOperationException(name() + " cannot start from a preloaded state");
    }

    /**
     * Writes the same durable state to several servers, as {@link #preload(DurableStorage, PersistedState)}
     * writes it to each, which is what this default does. An implementation whose stored entries
     * are immutable values may store the very same ones on every server, so that a long
     * preloaded log (the long-log benchmark's million entries) is held once rather than once per
     * server; at run time nothing is shared, as every message arrives as bytes.
     */
    default void preload(List<DurableStorage> storages, PersistedState state) {
        for (DurableStorage storage : storages) {
            preload(storage, state);
        }
    }
}
