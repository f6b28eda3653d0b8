package io.raftsim.harness.spi;

import java.util.TreeSet;
import java.util.TreeMap;
import java.util.Collections;
import io.raftsim.harness.RaftConfig;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an implementation is told when one incarnation of a server is created.
 *
 * @param serverId                   the server's id, 0-based; servers are 0..n-1 and clients follow them
 * @param initialMembers             the initial configuration's voters, ascending
 * @param config                     the settings common to every implementation (timing, options)
 * @param settings                   the implementation's own settings, already {@linkplain RaftImplementation#validate validated}
 * @param plantedMistakes            names from {@link RaftImplementation#plantableMistakes()}; empty in every real run
 * @param incarnation                1 for the first start, then one more per restart
 * @param firstElectionTimeoutMicros the election timeout a scenario stages for this incarnation, or 0 for a random one
 */
public record ServerSetup(int serverId, List<Integer> initialMembers, RaftConfig config, Map<String, String> settings,
                          Set<String> plantedMistakes, int incarnation, long firstElectionTimeoutMicros) {
    public ServerSetup {
        initialMembers = List.copyOf(initialMembers);
        settings = Collections.unmodifiableSortedMap(new TreeMap<>(settings));
        plantedMistakes = Collections.unmodifiableSortedSet(new TreeSet<>(plantedMistakes));
    }
}
