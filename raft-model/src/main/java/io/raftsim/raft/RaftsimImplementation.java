package io.raftsim.raft;

import io.raftsim.harness.RaftConfig;
import io.raftsim.harness.kv.KvCommand;
import io.raftsim.harness.spi.ClientProtocol;
import io.raftsim.harness.spi.Feature;
import io.raftsim.harness.spi.Implementations;
import io.raftsim.harness.spi.PersistedState;
import io.raftsim.harness.spi.PlantedMistake;
import io.raftsim.harness.spi.RaftImplementation;
import io.raftsim.harness.spi.RaftProcess;
import io.raftsim.harness.spi.ServerSetup;
import io.raftsim.harness.spi.SettingsException;
import io.raftsim.harness.spi.WireCodec;
import io.raftsim.raft.bugs.Bug;
import io.raftsim.raft.bugs.PlantedRules;
import io.raftsim.raft.log.Command;
import io.raftsim.raft.log.DurableEntryLog;
import io.raftsim.raft.log.LogEntry;
import io.raftsim.raft.message.ClientReply;
import io.raftsim.raft.message.ClientRequest;
import io.raftsim.raft.message.Message;
import io.raftsim.raft.message.MessageCodecs;
import io.raftsim.raft.node.HardState;
import io.raftsim.raft.server.RaftServer;
import io.raftsim.raft.log.Configuration;
import io.raftsim.sim.engine.ProcessContext;
import io.raftsim.sim.storage.DurableStorage;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The project's own Raft behind the seam: the harness reaches the model only through this class. */
public final class RaftsimImplementation implements RaftImplementation<Message> {
    private static final List<PlantedMistake> MISTAKES = mistakes();

    @Override
    public String name() {
        return Implementations.DEFAULT;
    }

    @Override
    public String description() {
        return "raftsim's own Raft: Figure 2 with PreVote, CheckQuorum, fast backtracking, batching, pipelining, ReadIndex and lease reads";
    }

    @Override
    public Set<Feature> features() {
        return EnumSet.of(Feature.PRE_VOTE, Feature.CHECK_QUORUM, Feature.FAST_BACKTRACK, Feature.BATCHING, Feature.PIPELINING,
                Feature.TIMER_RESET_OPTION, Feature.EXACT_TIMING, Feature.STAGED_ELECTION_TIMEOUTS, Feature.PRELOAD,
                Feature.LEADER_NO_OP_OPTION, Feature.COMMAND_PROBE, Feature.MEMBERSHIP_CHANGES, Feature.JOINT_CONSENSUS, Feature.SNAPSHOTS,
                Feature.READ_INDEX, Feature.LEASE_READS, Feature.LEADERSHIP_TRANSFER);
    }

    /** The model has no settings beyond the common ones. */
    @Override
    public void validate(RaftConfig config, Map<String, String> settings) throws SettingsException {
        for (Map.Entry<String, String> setting : new java.util.TreeMap<>(settings).entrySet()) {
            throw new SettingsException(setting.getKey(), setting.getValue(), "raftsim has no implementation settings");
        }
    }

    @Override
    public List<PlantedMistake> plantableMistakes() {
        return MISTAKES;
    }

    private static List<PlantedMistake> mistakes() {
        List<PlantedMistake> all = new ArrayList<>();
        for (Bug bug : Bug.values()) {
            all.add(new PlantedMistake(bug.name(), bug.description(), bug.expectedProperty(),
                    bug == Bug.COUNT_STALE_TERM_VOTES ? List.of("Leader Completeness") : List.of(), bug.exposedBy()));
        }
        return List.copyOf(all);
    }

    /** The node reports its own events, with the reasons a probe cannot see (why a vote was refused). */
    @Override
    public boolean reportsEvents() {
        return true;
    }

    @Override
    public WireCodec<Message> codec() {
        return MessageCodecs.INSTANCE;
    }

    @Override
    public ClientProtocol<Message> clientProtocol() {
        return Clients.INSTANCE;
    }

    @Override
    public RaftProcess<Message> create(ProcessContext<Message> context, ServerSetup setup) {
        // No mistake planted gives the paper's rules themselves (RaftRules.PAPER).
        return new RaftServer(context, setup.config(), new Configuration(setup.initialMembers(), List.of()), setup.firstElectionTimeoutMicros(),
                PlantedRules.plant(setup.plantedMistakes()));
    }

    @Override
    public void preload(DurableStorage storage, PersistedState state) {
        preload(List.of(storage), state);
    }

    /**
     * Servers whose logs start alike hold one copy of the entries: the first empty durable log
     * gets them in its columns ({@link DurableEntryLog}), every other empty one shares its chunks,
     * each server copying a chunk only when it writes into it (a million-entry log, five servers:
     * one copy, not ten with each server's log in memory).
     */
    @Override
    public void preload(List<DurableStorage> storages, PersistedState state) {
        List<LogEntry> entries = List.of();
        DurableEntryLog firstFilled = null;
        for (DurableStorage storage : storages) {
            storage.put(RaftServer.HARD_STATE_KEY, new HardState(state.currentTerm(), state.votedFor()));
            DurableEntryLog log = DurableEntryLog.in(storage, RaftServer.LOG_NAME);
            if (log.size() == 0 && firstFilled != null) {
                log.appendAllOf(firstFilled);
            } else {
                if (entries.isEmpty() || entries.get(0).index() != log.size() + 1) {
                    entries = entries(state, log.size() + 1);
                }
                for (LogEntry entry : entries) {
                    log.append(entry);
                }
                if (log.size() == entries.size()) {
                    firstFilled = log;
                }
            }
            storage.sync();
        }
    }

    private static List<LogEntry> entries(PersistedState state, long firstIndex) {
        List<LogEntry> entries = new ArrayList<>(state.log().size());
        long index = firstIndex;
        for (PersistedState.Entry entry : state.log()) {
            Command command = entry.command() == null ? Command.Noop.INSTANCE
                    : new Command.ClientCommand(entry.clientId(), entry.sequence(), entry.command());
            entries.add(new LogEntry(entry.term(), index++, command));
        }
        return entries;
    }

    /** Clients send {@link ClientRequest}s and read {@link ClientReply}s. */
    private static final class Clients implements ClientProtocol<Message> {
        static final Clients INSTANCE = new Clients();

        @Override
        public Message request(int clientId, long sequence, KvCommand command) {
            return new ClientRequest(clientId, sequence, command);
        }

        @Override
        public Answer answer(Message message) {
            if (!(message instanceof ClientReply reply)) {
                return null;
            }
            Status status = reply.status() == ClientReply.Status.OK ? Status.OK : Status.NOT_LEADER;
            return new Answer(reply.clientId(), reply.sequence(), status, reply.result(), reply.leaderHint());
        }
    }
}
