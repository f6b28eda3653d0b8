package io.raftsim.reports.trace;

import io.raftsim.harness.cluster.ClusterSpec;
import io.raftsim.reports.build.BuildIdentity;
import tools.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * The first line of a trace: what ran and how to run it again.
 *
 * @param tool     the version of the tool that wrote the trace, e.g. "raftsim 0.1.0"
 * @param seed     the run's seed
 * @param servers  Raft servers are processes {@code 0..servers-1}
 * @param clients  simulated clients are processes {@code servers..servers+clients-1}
 * @param scenario the fully resolved scenario, opaque to this module (a replay re-runs it)
 * @param command  the command line that reproduces the run
 * @param commit   the git commit of the build that wrote the trace, or null when unknown
 *                 (and in traces written before it was recorded)
 * @param scenarioHash a hash of the scenario's canonical text, or null in older traces; a
 *                 replay that resolves the scenario to other text runs another scenario
 */
public record TraceHeader(String tool, long seed, int servers, int clients, JsonNode scenario, String command,
                          String commit, String scenarioHash) implements TraceEvent {
    public TraceHeader {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(command, "command");
        if (servers < 1 || clients < 0) {
            throw new IllegalArgumentException("a trace needs servers >= 1 and clients >= 0: " + servers + ", " + clients);
        }
    }

    /** A header that names no commit and no scenario hash. */
    public TraceHeader(String tool, long seed, int servers, int clients, JsonNode scenario, String command) {
        this(tool, seed, servers, clients, scenario, command, null, null);
    }

    /** The build that wrote the trace, as far as the header tells: the version is the {@code tool} after "raftsim ". */
    public BuildIdentity build() {
        return new BuildIdentity(tool.startsWith("raftsim ") ? tool.substring("raftsim ".length()) : tool, commit);
    }

    /** The header of a run of {@code spec}: servers and clients are taken from it. */
    public static TraceHeader forCluster(String tool, long seed, ClusterSpec spec, JsonNode scenario, String command) {
        return new TraceHeader(tool, seed, spec.servers(), spec.workload().clientCount(), scenario, command);
    }

    /** The scenario's {@code name} field when it has one, else "". */
    public String scenarioName() {
        JsonNode name = scenario.get("name");
        return name != null && name.isString() ? name.stringValue() : "";
    }
}
