package com.example.myraft;

import io.raftsim.harness.RaftConfig;
import io.raftsim.harness.spi.ClientProtocol;
import io.raftsim.harness.spi.Feature;
import io.raftsim.harness.spi.PlantedMistake;
import io.raftsim.harness.spi.RaftImplementation;
import io.raftsim.harness.spi.RaftProcess;
import io.raftsim.harness.spi.ServerSetup;
import io.raftsim.harness.spi.SettingsException;
import io.raftsim.harness.spi.WireCodec;
import io.raftsim.sim.engine.ProcessContext;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * my-raft as raftsim finds it: registered in
 * {@code META-INF/services/io.raftsim.harness.spi.RaftImplementation}, selected by the name
 * {@code my-raft} ({@code --set implementation=my-raft}).
 */
public final class MyRaft implements RaftImplementation<Message> {
    /** The classic student mistake this implementation can plant: raftsim must catch it. */
    public static final PlantedMistake VOTE_WITHOUT_LOG_CHECK = new PlantedMistake("VOTE_WITHOUT_LOG_CHECK",
            "a follower grants its vote without the §5.4.1 check that the candidate's log is at least as up-to-date as its own",
            "Leader Completeness", List.of("State Machine Safety", "Log Matching"),
            "a server that missed committed entries (crashed, partitioned or cut off) times out and campaigns");

    private final MyCodec codec = new MyCodec();
    private final MyClients clients = new MyClients();

    @Override
    public String name() {
        return "my-raft";
    }

    @Override
    public String description() {
        return "the guide's Raft (docs/test-your-raft.md): Figure 2 only, 0.1";
    }

    /** Figure 2 only: no PreVote, CheckQuorum, fast backtracking, batching options, staged timeouts or preloaded state. */
    @Override
    public Set<Feature> features() {
        return EnumSet.noneOf(Feature.class);
    }

    /** my-raft has no settings of its own; any key is a typo, refused in one line. */
    @Override
    public void validate(RaftConfig config, Map<String, String> settings) throws SettingsException {
        for (Map.Entry<String, String> setting : new TreeMap<>(settings).entrySet()) {
            throw new SettingsException(setting.getKey(), setting.getValue(), "my-raft has no settings");
        }
    }

    @Override
    public List<PlantedMistake> plantableMistakes() {
        return List.of(VOTE_WITHOUT_LOG_CHECK);
    }

    @Override
    public WireCodec<Message> codec() {
        return codec;
    }

    @Override
    public ClientProtocol<Message> clientProtocol() {
        return clients;
    }

    @Override
    public RaftProcess<Message> create(ProcessContext<Message> context, ServerSetup setup) {
        boolean voteWithoutLogCheck = setup.plantedMistakes().contains(VOTE_WITHOUT_LOG_CHECK.name());
        return new MyServer(context, setup.config(), setup.initialMembers(), voteWithoutLogCheck);
    }
}
