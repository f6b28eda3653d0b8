package io.raftsim.harness.check;

import io.raftsim.harness.RaftConfig;
import io.raftsim.harness.cluster.Hosts;
import io.raftsim.harness.cluster.LogMirror;
import io.raftsim.harness.wire.Packet;
import io.raftsim.harness.wire.PacketCodec;
import io.raftsim.harness.wire.WireProcess;
import io.raftsim.raft.RaftsimImplementation;
import io.raftsim.raft.bugs.Bug;
import io.raftsim.harness.client.ClientSwitch;
import io.raftsim.harness.client.KvClient;
import io.raftsim.harness.client.Workload;
import io.raftsim.harness.linearizability.History;
import io.raftsim.raft.message.Message;
import io.raftsim.raft.message.MessageCodecs;
import io.raftsim.harness.spi.Role;
import io.raftsim.raft.server.RaftServer;
import io.raftsim.sim.engine.Engine;
import io.raftsim.sim.engine.Limits;
import io.raftsim.sim.engine.RunStatus;
import io.raftsim.sim.fault.FaultAction;
import io.raftsim.sim.network.LinkConfig;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A Raft cluster in the engine, each server watched by the harness's own host, with an
 * {@link EfficiencyMonitor} of chosen bounds as its only listener and observer: the fixture of the monitor's tests. Bounds tighter than the settings
 * derive show each check firing on a run that a correct server makes; the derived bounds show it
 * staying quiet on the same run.
 */
final class EfficiencyRun {
    final int servers;
    final Engine<Packet> engine;
    final EfficiencyMonitor monitor;

    EfficiencyRun(RaftConfig raft, LinkConfig links, EfficiencyBounds bounds, Workload workload, long seed, Set<Bug> bugs) {
        this(raft, links, bounds, workload, seed, bugs, 0);
    }

    /** @param firstTimeoutOfN1Micros n1's first election timeout, so that it wins the first election; 0 for a random one */
    EfficiencyRun(RaftConfig raft, LinkConfig links, EfficiencyBounds bounds, Workload workload, long seed, Set<Bug> bugs,
                  long firstTimeoutOfN1Micros) {
        this.servers = raft.clusterSize();
        this.monitor = new EfficiencyMonitor(servers, bounds, raft.preVote(), links);
        ClientSwitch clients = new ClientSwitch();
        History history = new History(100_000);
        Set<Bug> planted = bugs.isEmpty() ? EnumSet.noneOf(Bug.class) : EnumSet.copyOf(bugs);
        LogMirror[] mirrors = new LogMirror[servers];
        for (int i = 0; i < servers; i++) {
            mirrors[i] = new LogMirror();
        }
        PacketCodec<Message> packets = new PacketCodec<>(MessageCodecs.INSTANCE);
        RaftsimImplementation implementation = new RaftsimImplementation();
        this.engine = Engine.builder(servers + workload.clientCount(), context -> {
                    int id = context.nodeId();
                    return id < servers
                            ? WireProcess.create(context, packets, typed -> Hosts.host(id,
                                    new RaftServer(typed, raft, id == 0 ? firstTimeoutOfN1Micros : 0, planted), MessageCodecs.INSTANCE, mirrors[id], monitor))
                            : WireProcess.create(context, packets, typed -> new KvClient<>(typed, implementation.clientProtocol(), servers,
                                    workload, clients, history));
                }, packets)
                .seed(seed)
                .links(links)
                .limits(Limits.DEFAULT)
                .observer(monitor)
                .build();
        monitor.attach(engine, id -> Hosts.probe(engine.process(id)));
    }

    /** Five servers with the default settings, no clients, judged by the bounds those settings derive. */
    static EfficiencyRun quietFive(long seed) {
        return new EfficiencyRun(RaftConfig.defaults(5), LinkConfig.DEFAULT, EfficiencyBounds.of(RaftConfig.defaults(5), LinkConfig.DEFAULT),
                Workload.none(), seed, Set.of());
    }

    void runUntil(long micros) {
        assertEquals(RunStatus.COMPLETED, engine.runUntil(micros).status());
    }

    /** Applies {@code faults} as control steps one microsecond from now, as a fault schedule would. */
    void fault(FaultAction... faults) {
        long at = engine.nowMicros() + 1;
        for (FaultAction fault : faults) {
            engine.schedule(at, fault);
        }
    }

    /** The one leader among the servers that are up, or -1. */
    int leader() {
        int leader = -1;
        for (int i = 0; i < servers; i++) {
            if (engine.isUp(i) && Hosts.probe(engine.process(i)).role() == Role.LEADER) {
                leader = leader < 0 ? i : -2;
            }
        }
        return leader;
    }
}
