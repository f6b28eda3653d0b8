package io.raftsim.reports;

import io.raftsim.harness.client.Workload;
import io.raftsim.harness.cluster.Cluster;
import io.raftsim.harness.cluster.ClusterOutcome;
import io.raftsim.harness.cluster.ClusterSpec;
import io.raftsim.reports.trace.JsonlTraceWriter;
import io.raftsim.reports.trace.TraceFooter;
import io.raftsim.reports.trace.TraceHeader;
import io.raftsim.sim.fault.FaultAction;
import io.raftsim.sim.fault.FaultSchedule;
import io.raftsim.sim.fault.TimedFault;
import io.raftsim.sim.trace.TraceSink;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.List;

/** A small real run of a 5-server cluster with a crash, a restart, a pause and a partition, for trace and report tests. */
public final class TraceFixtures {
    public static final int SERVERS = 5;
    public static final long DURATION_MICROS = 2_000_000;

    private TraceFixtures() {
    }

    public static ClusterSpec spec() {
        return ClusterSpec.defaults(SERVERS).withWorkload(Workload.of(2, 20, 4));
    }

    public static FaultSchedule faults() {
        return new FaultSchedule(List.of(
                new TimedFault(400_000, new FaultAction.Crash(0)),
                new TimedFault(500_000, new FaultAction.Crash(1)),
                new TimedFault(900_000, new FaultAction.Restart(0)),
                new TimedFault(1_000_000, new FaultAction.Partition(List.of(List.of(0, 1), List.of(2, 3, 4)))),
                new TimedFault(1_200_000, new FaultAction.Pause(3)),
                new TimedFault(1_300_000, new FaultAction.Resume(3)),
                new TimedFault(1_500_000, new FaultAction.Heal())));
    }

    public static TraceHeader header(long seed, String scenarioName) {
        ObjectNode scenario = JsonMapper.builder().build().createObjectNode();
        scenario.put("name", scenarioName);
        scenario.put("servers", SERVERS);
        scenario.put("durationMs", DURATION_MICROS / 1000);
        return new TraceHeader("raftsim test", seed, SERVERS, spec().workload().clientCount(), scenario,
                "./raftsim run fixture --seed " + seed);
    }

    /** Runs the fixture with a sink and returns the outcome. */
    public static ClusterOutcome run(long seed, TraceSink sink) {
        Cluster cluster = new Cluster(spec(), seed, sink);
        ClusterOutcome outcome = cluster.run(DURATION_MICROS, faults(), true);
        cluster.engine().finish();
        return outcome;
    }

    /** Runs the fixture and writes its trace to {@code path}. */
    public static ClusterOutcome writeTrace(Path path, long seed, String scenarioName) {
        JsonlTraceWriter writer = JsonlTraceWriter.open(path, header(seed, scenarioName));
        ClusterOutcome outcome = run(seed, writer);
        writer.finish(TraceFooter.of(outcome));
        return outcome;
    }
}
