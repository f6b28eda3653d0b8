package io.raftsim.scenarios.format;

import io.raftsim.reports.narration.ScenarioNote;
import io.raftsim.sim.fault.FaultKind;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Writes a scenario as JSON with every field resolved (defaults filled in), in the field
 * order of docs/scenario-format.md, so the output reads back to an equal scenario and two
 * equal scenarios write byte-identical files.
 */
public final class ScenarioWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ScenarioWriter() {
    }

    public static String toJson(Scenario scenario) {
        return PRETTY.writeValueAsString(toTree(scenario)) + "\n";
    }

    public static ObjectNode toTree(Scenario s) {
        ObjectNode root = NODES.objectNode();
        root.put("name", s.name());
        root.put("description", s.description());
        root.put("seed", s.seed());
        root.put("nodes", s.nodes());
        root.put("durationMs", s.durationMs());
        root.set("raft", raft(s.raft()));
        root.set("network", network(s.network()));
        ObjectNode clients = root.putObject("clients");
        clients.put("count", s.clients().count());
        clients.put("opsPerSecond", s.clients().opsPerSecond());
        clients.put("keys", s.clients().keys());
        clients.put("requestTimeoutMs", s.clients().requestTimeoutMs());
        ArrayNode faults = root.putArray("faults");
        for (FaultStep step : s.faults()) {
            faults.add(fault(step));
        }
        if (s.randomFaults() == null) {
            root.putNull("randomFaults");
        } else {
            root.set("randomFaults", randomFaults(s.randomFaults()));
        }
        ArrayNode expect = root.putArray("expect");
        for (Expectation expectation : s.expect()) {
            expect.add(expectation(expectation));
        }
        if (s.maxSteps() > 0) {
            root.put("maxSteps", s.maxSteps());
        }
        if (!s.implementation().requires().isEmpty()) {
            ArrayNode requires = root.putArray("requires");
            s.implementation().requires().forEach(feature -> requires.add(feature.name()));
        }
        if (!s.implementation().name().equals(ImplementationChoice.DEFAULT.name()) || !s.implementation().settings().isEmpty()) {
            // Written only for another Raft, so a scenario of the project's own reads (and hashes) as it always did.
            root.put("implementation", s.implementation().name());
            ObjectNode settings = root.putObject("implementationSettings");
            s.implementation().settings().forEach(settings::put);
        }
        if (!s.notes().isEmpty()) {
            // Written only when there are some, so a scenario without notes reads as it always did.
            ArrayNode notes = root.putArray("notes");
            for (ScenarioNote note : s.notes()) {
                ObjectNode written = notes.addObject();
                if (note instanceof ScenarioNote.AtTime at) {
                    written.put("atMs", at.atMs());
                } else if (note instanceof ScenarioNote.OnEvent on) {
                    written.put("on", on.on().jsonName());
                    written.put("nth", on.nth());
                }
                written.put("text", note.text());
            }
        }
        if (!s.initialMembers().isEmpty()) {
            // Written only when declared, so a scenario without spare servers reads (and hashes) as it always did.
            ArrayNode members = root.putArray("initialMembers");
            s.initialMembers().forEach(member -> members.add(NodeRef.server(member).name()));
        }
        if (!s.clockRates().isEmpty()) {
            // Written only when set, so a scenario whose clocks keep true time reads (and hashes) as it always did.
            ObjectNode rates = root.putObject("clockRates");
            s.clockRates().forEach(rates::put);
        }
        if (!s.initialState().isEmpty()) {
            ObjectNode initial = root.putObject("initialState");
            s.initialState().forEach((server, state) -> {
                ObjectNode node = initial.putObject(server);
                node.put("term", state.term());
                if (state.votedFor() != null) {
                    node.put("votedFor", state.votedFor().name());
                }
                ArrayNode log = node.putArray("log");
                state.logTerms().forEach(log::add);
            });
        }
        return root;
    }

    private static ObjectNode raft(RaftSettings r) {
        ObjectNode raft = NODES.objectNode();
        ObjectNode timeout = raft.putObject("electionTimeoutMs");
        timeout.put("min", r.electionTimeoutMinMs());
        timeout.put("max", r.electionTimeoutMaxMs());
        raft.put("heartbeatMs", r.heartbeatMs());
        raft.put("preVote", r.preVote());
        raft.put("checkQuorum", r.checkQuorum());
        raft.put("fastBacktrack", r.fastBacktrack());
        raft.put("maxEntriesPerAppend", r.maxEntriesPerAppend());
        raft.put("maxInflightAppends", r.maxInflightAppends());
        if (!r.firstElectionTimeoutMs().isEmpty()) {
            ObjectNode first = raft.putObject("firstElectionTimeoutMs");
            r.firstElectionTimeoutMs().forEach(first::put);
        }
        raft.put("electionTimerResetOnHigherTerm", r.electionTimerResetOnHigherTerm());
        if (!r.leaderNoOp()) {
            // Only when off: a file written before the setting existed reads back, and hashes, the same.
            raft.put("leaderNoOp", false);
        }
        if (r.snapshotEveryEntries() > 0) {
            // Written only when on, so that every scenario written before snapshots keeps its
            // canonical text, and with it its scenario hash.
            raft.put("snapshotEveryEntries", r.snapshotEveryEntries());
        }
        // Written only when not the default, so every scenario written before reads had modes reads (and hashes) as it did.
        if (r.readMode() != RaftSettings.DEFAULT.readMode()) {
            raft.put("readMode", r.readMode().jsonName());
        }
        if (r.clockDriftBoundPpm() != RaftSettings.DEFAULT.clockDriftBoundPpm()) {
            raft.put("clockDriftBoundPpm", r.clockDriftBoundPpm());
        }
        return raft;
    }

    private static ObjectNode network(NetworkSettings n) {
        ObjectNode network = NODES.objectNode();
        ObjectNode latency = network.putObject("latencyMs");
        putMs(latency, "min", n.latencyMinMs());
        putMs(latency, "max", n.latencyMaxMs());
        network.put("dropRate", n.dropRate());
        network.put("duplicateRate", n.duplicateRate());
        network.put("tailRate", n.tailRate());
        putMs(network, "tailMaxMs", n.tailMaxMs());
        network.put("fifo", n.fifo());
        if (!n.replies().isEmpty()) {
            // Only when replies differ: a file without the block reads back the same.
            patchFields(network.putObject("replies"), n.replies());
        }
        if (!n.clients().isEmpty()) {
            // Only when client links differ, for the same reason (and so scenario hashes stay).
            clientLinkFields(network.putObject("clients"), n.clients());
        }
        return network;
    }

    private static void clientLinkFields(ObjectNode block, ClientLinks links) {
        patchFields(block, links.requests());
        if (!links.replies().isEmpty()) {
            patchFields(block.putObject("replies"), links.replies());
        }
    }

    private static ObjectNode fault(FaultStep step) {
        ObjectNode fault = NODES.objectNode();
        putMs(fault, "atMs", step.atMicros() / 1000.0);
        fault.put("action", step.action());
        if (step instanceof FaultStep.Staged staged) {
            stepFields(fault, staged.step());
            if (staged.bind() != null) {
                fault.put("bind", staged.bind());
            }
            if (staged.when() != null) {
                conditionFields(fault.putObject("when"), staged.when());
                putMs(fault, "withinMs", staged.whenWithinMicros() / 1000.0);
            }
            if (staged.drawnWait() != null) {
                ObjectNode wait = fault.putObject("waitMs");
                putMs(wait, "min", staged.drawnWait().minMicros() / 1000.0);
                putMs(wait, "max", staged.drawnWait().maxMicros() / 1000.0);
                if (staged.drawnWait().tailRate() > 0) {
                    wait.put("tailRate", staged.drawnWait().tailRate());
                    putMs(wait, "tailMaxMs", staged.drawnWait().tailMaxMicros() / 1000.0);
                }
            }
            if (staged.ifUpBelow() > 0) {
                fault.put("ifUpBelow", staged.ifUpBelow());
            }
            if (staged.ifConnectedBelow() > 0) {
                fault.put("ifConnectedBelow", staged.ifConnectedBelow());
            }
        } else {
            stepFields(fault, step);
        }
        return fault;
    }

    /** A condition with every field written (empty {@code among} and {@code except} too); {@code count} is left out when every up server counts. */
    private static void conditionFields(ObjectNode node, Condition condition) {
        node.put("condition", condition.kind().key());
        ArrayNode among = node.putArray("among");
        condition.among().forEach(ref -> among.add(ref.name()));
        ArrayNode except = node.putArray("except");
        condition.except().forEach(ref -> except.add(ref.name()));
        if (condition.byCommand()) {
            node.put("command", condition.command());
        } else if (condition.kind().indexed()) {
            if (condition.index() == Condition.NEXT_INDEX) {
                node.put("index", "next");
            } else {
                node.put("index", condition.index());
            }
        }
        if (condition.count() > 0 || condition.kind().counted()) {
            node.put("count", condition.count());
        }
    }

    private static void stepFields(ObjectNode fault, FaultStep step) {
        if (step instanceof FaultStep.Check check) {
            conditionFields(fault, check.condition());
            if (check.until() != null) {
                conditionFields(fault.putObject("until"), check.until());
            }
            putMs(fault, check.windowField(), check.windowMicros() / 1000.0);
        } else if (step instanceof FaultStep.Bind bind) {
            fault.put("name", bind.name());
            fault.put("node", bind.node().name());
        } else if (step instanceof FaultStep.Partition p) {
            ArrayNode groups = fault.putArray("groups");
            for (var group : p.groups()) {
                ArrayNode members = groups.addArray();
                group.forEach(ref -> members.add(ref.name()));
            }
        } else if (step instanceof FaultStep.Isolate i) {
            fault.put("node", i.node().name());
        } else if (step instanceof FaultStep.TransferLeadership t) {
            fault.put("node", t.node().name());
        } else if (step instanceof FaultStep.Cut c) {
            fault.put("from", c.from().name());
            fault.put("to", c.to().name());
        } else if (step instanceof FaultStep.NodeAction n) {
            fault.put("node", n.node().name());
        } else if (step instanceof FaultStep.Drift d) {
            fault.put("node", d.node().name());
            fault.put("rate", d.rate());
        } else if (step instanceof FaultStep.Network n) {
            networkFields(fault, n);
        } else if (step instanceof FaultStep.ClientBurst b) {
            fault.put("count", b.count());
        } else if (step instanceof FaultStep.Membership m) {
            fault.put("node", m.node().name());
        } else if (step instanceof FaultStep.JointChange j) {
            serverList(fault, "addVoters", j.addVoters());
            serverList(fault, "addLearners", j.addLearners());
            serverList(fault, "removeServers", j.removeServers());
        } else if (step instanceof FaultStep.Submit submit) {
            fault.put("count", submit.count());
            fault.put("node", submit.node() == null ? "all" : submit.node().name());
        }
    }

    /** A list of servers, left out when empty (as the reader reads a missing one). */
    private static void serverList(ObjectNode fault, String field, List<NodeRef> servers) {
        if (!servers.isEmpty()) {
            ArrayNode names = fault.putArray(field);
            servers.forEach(ref -> names.add(ref.name()));
        }
    }

    private static void networkFields(ObjectNode fault, FaultStep.Network n) {
        patchFields(fault, n.patch());
        if (n.replies() != null) {
            patchFields(fault.putObject("replies"), n.replies());
        }
        if (n.clients() != null) {
            clientLinkFields(fault.putObject("clients"), n.clients());
        }
        if (n.oneLink()) {
            fault.put("from", n.from().name());
            fault.put("to", n.to().name());
        }
    }

    private static void patchFields(ObjectNode fault, NetworkPatch patch) {
        if (patch.latencyMinMs() != null || patch.latencyMaxMs() != null) {
            ObjectNode latency = fault.putObject("latencyMs");
            if (patch.latencyMinMs() != null) {
                putMs(latency, "min", patch.latencyMinMs());
            }
            if (patch.latencyMaxMs() != null) {
                putMs(latency, "max", patch.latencyMaxMs());
            }
        }
        putIfSet(fault, "dropRate", patch.dropRate());
        putIfSet(fault, "duplicateRate", patch.duplicateRate());
        putIfSet(fault, "tailRate", patch.tailRate());
        if (patch.tailMaxMs() != null) {
            putMs(fault, "tailMaxMs", patch.tailMaxMs());
        }
        if (patch.fifo() != null) {
            fault.put("fifo", patch.fifo());
        }
    }

    /** Whole milliseconds as integers, fractions (microseconds) as decimals. */
    private static void putMs(ObjectNode node, String field, double ms) {
        if (ms == Math.rint(ms)) {
            node.put(field, (long) ms);
        } else {
            node.put(field, ms);
        }
    }

    private static void putIfSet(ObjectNode node, String field, Double value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static ObjectNode randomFaults(RandomFaults r) {
        ObjectNode random = NODES.objectNode();
        if (r.kinds() != null) {
            ArrayNode kinds = random.putArray("kinds");
            for (FaultKind kind : r.kinds()) {
                kinds.add(ScenarioReader.kindName(kind));
            }
        }
        if (r.meanIntervalMs() != null) {
            random.put("meanIntervalMs", r.meanIntervalMs());
        }
        if (r.meanDurationMs() != null) {
            random.put("meanDurationMs", r.meanDurationMs());
        }
        if (r.drawNetwork()) {
            random.put("drawNetwork", true);
        }
        if (r.drawRaftOptions()) {
            random.put("drawRaftOptions", true);
        }
        return random;
    }

    private static JsonNode expectation(Expectation e) {
        if (e instanceof Expectation.LeaderElected l && l.withinMs() != null) {
            return NODES.objectNode().put("leaderElectedWithinMs", l.withinMs());
        }
        if (e instanceof Expectation.Committed c) {
            return NODES.objectNode().put("committedAtLeast", c.atLeast());
        }
        if (e instanceof Expectation.ElectionsAtLeast l) {
            return NODES.objectNode().put("electionsAtLeast", l.count());
        }
        if (e instanceof Expectation.ElectionsAtMost m) {
            return NODES.objectNode().put("electionsAtMost", m.count());
        }
        return NODES.stringNode(e.name());
    }
}
