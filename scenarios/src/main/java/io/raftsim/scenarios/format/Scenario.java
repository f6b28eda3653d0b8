package io.raftsim.scenarios.format;

import io.raftsim.reports.narration.ScenarioNote;

import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A scenario: a cluster, its network and clients, a timed fault schedule (explicit,
 * drawn from the seed, or both) and the conditions the run must reach. The file format is
 * documented in {@code docs/scenario-format.md}; {@link ScenarioReader} parses and validates
 * it, {@link ScenarioWriter} writes it back with every default filled in.
 *
 * @param seed the default seed; {@code --seed} overrides it
 * @param maxSteps the bound on steps (events processed) of one run, or 0 for the default
 *                 {@link #defaultMaxSteps}: a run that reaches it ends as LIMIT_REACHED
 * @param notes    narration the HTML timeline shows at the moment each note names; never
 *                 read by the run itself, so notes change no run and no digest
 * @param implementation the Raft under test and its own settings; the project's own by default
 * @param initialMembers the servers (0-based, ascending) of the initial configuration; the
 *                       others are spare slots that only a membership change brings in
 *                       (dissertation §4.1). Empty: every server, as in every scenario before them
 * @param clockRates     by server name, the rate its clock runs at from the start (as a {@code drift}
 *                       step at 0 ms would set it, and like one undone for the liveness phase): part
 *                       of the cluster a story is staged on, not a fault of the story, so shrinking
 *                       keeps it. Empty: every clock keeps true time
 */
public record Scenario(String name, String description, long seed, int nodes, long durationMs,
                       RaftSettings raft, NetworkSettings network, ClientSettings clients,
                       List<FaultStep> faults, RandomFaults randomFaults, List<Expectation> expect,
                       SortedMap<String, ServerState> initialState, long maxSteps, List<ScenarioNote> notes,
                       ImplementationChoice implementation, List<Integer> initialMembers, SortedMap<String, Double> clockRates) {

    public Scenario {
        initialMembers = List.copyOf(initialMembers);
        clockRates = new TreeMap<>(clockRates);
        faults = faults.stream().sorted(Comparator.comparingLong(FaultStep::atMicros)).toList();
        expect = List.copyOf(expect);
        initialState = new TreeMap<>(initialState);
        notes = List.copyOf(notes);
    }

    /** A scenario whose clocks all keep true time from the start. */
    public Scenario(String name, String description, long seed, int nodes, long durationMs, RaftSettings raft, NetworkSettings network,
                    ClientSettings clients, List<FaultStep> faults, RandomFaults randomFaults, List<Expectation> expect,
                    SortedMap<String, ServerState> initialState, long maxSteps, List<ScenarioNote> notes, ImplementationChoice implementation,
                    List<Integer> initialMembers) {
        this(name, description, seed, nodes, durationMs, raft, network, clients, faults, randomFaults, expect, initialState, maxSteps, notes,
                implementation, initialMembers, new TreeMap<>());
    }

    /** A scenario whose servers are all members from the start. */
    public Scenario(String name, String description, long seed, int nodes, long durationMs, RaftSettings raft, NetworkSettings network,
                    ClientSettings clients, List<FaultStep> faults, RandomFaults randomFaults, List<Expectation> expect,
                    SortedMap<String, ServerState> initialState, long maxSteps, List<ScenarioNote> notes, ImplementationChoice implementation) {
        this(name, description, seed, nodes, durationMs, raft, network, clients, faults, randomFaults, expect, initialState, maxSteps, notes,
                implementation, List.of());
    }

    /** A scenario of the project's own Raft. */
    public Scenario(String name, String description, long seed, int nodes, long durationMs, RaftSettings raft, NetworkSettings network,
                    ClientSettings clients, List<FaultStep> faults, RandomFaults randomFaults, List<Expectation> expect,
                    SortedMap<String, ServerState> initialState, long maxSteps, List<ScenarioNote> notes) {
        this(name, description, seed, nodes, durationMs, raft, network, clients, faults, randomFaults, expect, initialState, maxSteps, notes,
                ImplementationChoice.DEFAULT);
    }

    /** A scenario without notes. */
    public Scenario(String name, String description, long seed, int nodes, long durationMs, RaftSettings raft, NetworkSettings network,
                    ClientSettings clients, List<FaultStep> faults, RandomFaults randomFaults, List<Expectation> expect,
                    SortedMap<String, ServerState> initialState, long maxSteps) {
        this(name, description, seed, nodes, durationMs, raft, network, clients, faults, randomFaults, expect, initialState, maxSteps, List.of());
    }

    /** A scenario whose servers all start empty. */
    public Scenario(String name, String description, long seed, int nodes, long durationMs, RaftSettings raft, NetworkSettings network,
                    ClientSettings clients, List<FaultStep> faults, RandomFaults randomFaults, List<Expectation> expect) {
        this(name, description, seed, nodes, durationMs, raft, network, clients, faults, randomFaults, expect, new TreeMap<>(), 0, List.of());
    }

    /**
     * A correct 5-node cluster takes about 500 steps per virtual second; the default allows
     * 200 times that plus a margin, so only a message storm (a livelock) reaches it.
     */
    public static long defaultMaxSteps(long durationMs) {
        return 1_000_000 + 100 * durationMs;
    }

    /** The step bound in force: {@code maxSteps}, or the default for the duration. */
    public long stepBound() {
        return maxSteps > 0 ? maxSteps : defaultMaxSteps(durationMs);
    }

    public boolean expects(Class<? extends Expectation> kind) {
        return expect.stream().anyMatch(kind::isInstance);
    }

    public Scenario withFaults(List<FaultStep> steps) {
        return new Scenario(name, description, seed, nodes, durationMs, raft, network, clients, steps, randomFaults, expect, initialState, maxSteps, notes, implementation, initialMembers, clockRates);
    }

    public Scenario withRandomFaults(RandomFaults random) {
        return new Scenario(name, description, seed, nodes, durationMs, raft, network, clients, faults, random, expect, initialState, maxSteps, notes, implementation, initialMembers, clockRates);
    }

    /** A shorter (or longer) run: a note timed past the new end could never be shown, so it goes. */
    public Scenario withDurationMs(long ms) {
        List<ScenarioNote> kept = notes.stream().filter(note -> !(note instanceof ScenarioNote.AtTime at) || at.atMs() <= ms).toList();
        return new Scenario(name, description, seed, nodes, ms, raft, network, clients, faults, randomFaults, expect, initialState, maxSteps, kept, implementation, initialMembers, clockRates);
    }

    public Scenario withNotes(List<ScenarioNote> newNotes) {
        return new Scenario(name, description, seed, nodes, durationMs, raft, network, clients, faults, randomFaults, expect, initialState, maxSteps, newNotes, implementation, initialMembers, clockRates);
    }

    /** On fewer servers: the chosen timeouts and initial states of the servers dropped go too. */
    public Scenario withNodes(int servers) {
        TreeMap<String, ServerState> kept = new TreeMap<>();
        initialState.forEach((server, state) -> {
            if (NodeRef.indexOf(server) < servers && (state.votedFor() == null || state.votedFor().index() < servers)) {
                kept.put(server, state);
            }
        });
        // Spare slots beyond the shrunk cluster go; a cluster left without a member keeps its first server.
        List<Integer> members = initialMembers.stream().filter(member -> member < servers).toList();
        if (!initialMembers.isEmpty() && members.isEmpty()) {
            members = List.of(0);
        }
        TreeMap<String, Double> rates = new TreeMap<>();
        clockRates.forEach((server, rate) -> {
            if (NodeRef.indexOf(server) < servers) {
                rates.put(server, rate);
            }
        });
        return new Scenario(name, description, seed, servers, durationMs, raft.forNodes(servers), network, clients, faults, randomFaults, expect, kept, maxSteps, notes,
                implementation, members, rates);
    }

    public Scenario withClients(ClientSettings settings) {
        return new Scenario(name, description, seed, nodes, durationMs, raft, network, settings, faults, randomFaults, expect, initialState, maxSteps, notes, implementation, initialMembers, clockRates);
    }

    public Scenario withRaft(RaftSettings settings) {
        return new Scenario(name, description, seed, nodes, durationMs, settings, network, clients, faults, randomFaults, expect, initialState, maxSteps, notes, implementation, initialMembers, clockRates);
    }

    public Scenario withNetwork(NetworkSettings settings) {
        return new Scenario(name, description, seed, nodes, durationMs, raft, settings, clients, faults, randomFaults, expect, initialState, maxSteps, notes,
                implementation, initialMembers, clockRates);
    }

    public Scenario withNameAndDescription(String newName, String newDescription) {
        return new Scenario(newName, newDescription, seed, nodes, durationMs, raft, network, clients, faults, randomFaults, expect, initialState, maxSteps, notes, implementation, initialMembers, clockRates);
    }

    public Scenario withSeed(long newSeed) {
        return new Scenario(name, description, newSeed, nodes, durationMs, raft, network, clients, faults, randomFaults, expect, initialState, maxSteps, notes, implementation, initialMembers, clockRates);
    }

    public Scenario withImplementation(ImplementationChoice choice) {
        return new Scenario(name, description, seed, nodes, durationMs, raft, network, clients, faults, randomFaults, expect, initialState, maxSteps, notes, choice, initialMembers, clockRates);
    }

    /** The servers of the initial configuration, all of them when {@link #initialMembers} is empty. */
    public List<Integer> members() {
        if (!initialMembers.isEmpty()) {
            return initialMembers;
        }
        List<Integer> all = new java.util.ArrayList<>(nodes);
        for (int i = 0; i < nodes; i++) {
            all.add(i);
        }
        return all;
    }

    /** Whether some server slots start spare, outside the initial configuration. */
    public boolean hasSpareServers() {
        return !initialMembers.isEmpty() && initialMembers.size() < nodes;
    }

    public Scenario withInitialMembers(List<Integer> members) {
        return new Scenario(name, description, seed, nodes, durationMs, raft, network, clients, faults, randomFaults, expect, initialState, maxSteps, notes, implementation, members, clockRates);
    }

    public Scenario withExpect(List<Expectation> expectations) {
        return new Scenario(name, description, seed, nodes, durationMs, raft, network, clients, faults, randomFaults, expectations, initialState, maxSteps, notes, implementation, initialMembers, clockRates);
    }
}
