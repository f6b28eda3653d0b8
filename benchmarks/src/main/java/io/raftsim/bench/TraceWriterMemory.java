package io.raftsim.bench;

import io.raftsim.harness.cluster.Cluster;
import io.raftsim.harness.cluster.ClusterSpec;
import io.raftsim.reports.trace.JsonlTraceWriter;
import io.raftsim.reports.trace.TraceFooter;
import io.raftsim.reports.trace.TraceHeader;
import io.raftsim.sim.engine.RunResult;
import io.raftsim.sim.fault.FaultSchedule;
import tools.jackson.databind.json.JsonMapper;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Shows that writing a trace keeps memory bounded: a 5-server cluster with the default
 * clients runs for an hour of virtual time with a {@link JsonlTraceWriter}, and the heap in
 * use after a full GC is printed every 10 virtual minutes. Run it with a small heap to make
 * the point (it would fail if the writer kept records):
 *
 * <pre>
 * java -Xmx64m -cp benchmarks/target/benchmarks.jar io.raftsim.bench.TraceWriterMemory /tmp/hour.jsonl 60
 * java -Xmx64m -cp benchmarks/target/benchmarks.jar io.raftsim.bench.TraceWriterMemory /tmp/hour.jsonl 60 untraced
 * </pre>
 *
 * The client history (the linearizability checker's input) grows with the run whether or
 * not it is traced; the second command gives that baseline, and the difference is the writer's.
 */
public final class TraceWriterMemory {
    private TraceWriterMemory() {
    }

    public static void main(String[] args) throws Exception {
        Path path = Path.of(args.length > 0 ? args[0] : "hour.jsonl");
        long minutes = args.length > 1 ? Long.parseLong(args[1]) : 60;
        long seed = 1;
        ClusterSpec spec = ClusterSpec.defaults(5);
        TraceHeader header = new TraceHeader("raftsim bench", seed, 5, spec.workload().clientCount(),
                JsonMapper.builder().build().createObjectNode().put("name", "trace-memory"), "TraceWriterMemory");
        boolean traced = !(args.length > 2 && args[2].equals("untraced"));
        JsonlTraceWriter writer = JsonlTraceWriter.open(path, header);
        Cluster cluster = new Cluster(spec, seed, traced ? writer : io.raftsim.sim.trace.TraceSink.NONE);
        FaultSchedule.EMPTY.installOn(cluster.engine());
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long startNanos = System.nanoTime();
        System.out.println("virtual_min  events_written  heap_used_after_gc_mb");
        RunResult result = null;
        for (long minute = 10; minute <= minutes; minute += 10) {
            result = cluster.engine().runUntil(minute * 60_000_000L);
            writer.close(); // flush
            System.gc();
            System.out.printf(Locale.ROOT, "%11d  %14d  %21.1f%n", minute, writer.eventCount(),
                    memory.getHeapMemoryUsage().getUsed() / 1e6);
        }
        cluster.engine().finish();
        // History grows with client operations (it is the linearizability checker's input), so it is part of what we see.
        writer.finish(TraceFooter.of(result, "COMPLETED", null, null));
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf(Locale.ROOT, "%d events, %.0f MB file, %.1f s wall, %.0f events/s; max heap %d MB; history ops %d%n",
                writer.eventCount(), Files.size(path) / 1e6, seconds, writer.eventCount() / seconds,
                Runtime.getRuntime().maxMemory() / 1_000_000, cluster.history().operations().size());
    }
}
