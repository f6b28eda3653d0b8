package io.raftsim.scenarios.format;

import io.raftsim.harness.ReadMode;
import io.raftsim.harness.spi.Feature;
import io.raftsim.harness.spi.Implementations;
import io.raftsim.harness.spi.MembershipChange;
import io.raftsim.harness.spi.RaftImplementation;
import io.raftsim.harness.spi.SettingsException;
import io.raftsim.reports.narration.NoteTrigger;
import io.raftsim.reports.narration.ScenarioNote;
import io.raftsim.sim.fault.FaultKind;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Parses and validates scenario files (docs/scenario-format.md). Every field has a default
 * and a range; unknown fields, values out of range, servers the cluster does not have and
 * malformed JSON are each reported as one {@link ScenarioException} line.
 */
public final class ScenarioReader {
    /** Scenario files are small; a larger one is a mistake, not a scenario. */
    public static final long MAX_FILE_BYTES = 4L << 20;
    public static final int MAX_NODES = 25;
    public static final long MAX_DURATION_MS = 3_600_000;
    public static final int MAX_FAULTS = 10_000;
    public static final int MAX_NOTES = 200;
    public static final int MAX_NOTE_CHARS = 500;
    static final long MAX_TIMEOUT_MS = 60_000;
    private static final String OBJECT_CONDITIONS = "leaderElectedWithinMs, committedAtLeast, electionsAtLeast, electionsAtMost";

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ScenarioReader() {
    }

    /** Reads and validates a scenario file. */
    public static Scenario read(Path file) {
        return fromTree(readTree(file), file.toString());
    }

    /** Reads a file as a JSON object tree (for {@code --set} overrides before validation). */
    public static ObjectNode readTree(Path file) {
        String source = file.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw ScenarioException.at(source, "", "is a directory, not a scenario file");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw ScenarioException.at(source, "", "is " + size + " bytes, more than the " + MAX_FILE_BYTES + " a scenario may have");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw ScenarioException.at(source, "", "no such file");
        } catch (IOException e) {
            throw ScenarioException.at(source, "", "cannot read: " + e.getMessage());
        }
        return parseTree(decode(bytes, source), source);
    }

    /** Parses JSON text into an object tree; {@code source} names it in errors. */
    public static ObjectNode parseTree(String json, String source) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JacksonException e) {
            String where = e.getLocation() != null && e.getLocation().getLineNr() > 0
                    ? "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() : "";
            String problem = e.getOriginalMessage() == null ? "malformed JSON" : e.getOriginalMessage().lines().findFirst().orElse("");
            throw ScenarioException.at(source, where, "malformed JSON: " + problem);
        }
        if (tree == null || tree.isMissingNode()) {
            throw ScenarioException.at(source, "", "empty file, expected a JSON object");
        }
        if (!(tree instanceof ObjectNode object)) {
            throw ScenarioException.at(source, "", JsonFields.describe(tree) + " is not a JSON object");
        }
        return object;
    }

    public static Scenario parse(String json, String source) {
        return fromTree(parseTree(json, source), source);
    }

    /** Validates a tree and builds the scenario. */
    public static Scenario fromTree(JsonNode tree, String source) {
        JsonFields root = new JsonFields(tree, source, "");
        String name = root.string("name", "unnamed", 200);
        String description = root.string("description", "", 4_000);
        long seed = root.integer("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        int nodes = (int) root.integer("nodes", 5, 1, MAX_NODES);
        long durationMs = root.integer("durationMs", 20_000, 1, MAX_DURATION_MS);
        RaftSettings raft = raft(root.object("raft"), nodes);
        NetworkSettings network = network(root.object("network"), root.path("network"));
        ClientSettings clients = clients(root.object("clients"));
        List<FaultStep> faults = new ArrayList<>();
        List<JsonNode> faultNodes = root.array("faults", MAX_FAULTS);
        List<String> faultPaths = new ArrayList<>();
        End runEnd = new End(durationMs, "durationMs " + durationMs + ": the run would end before it is judged");
        for (int i = 0; i < faultNodes.size(); i++) {
            JsonFields fields = new JsonFields(faultNodes.get(i), source, "faults[" + i + "]");
            if (isRounds(faultNodes.get(i))) {
                rounds(fields, nodes, durationMs, faults, faultPaths);
            } else {
                faults.add(fault(fields, nodes, runEnd));
                faultPaths.add("faults[" + i + "]");
            }
        }
        if (faults.size() > MAX_FAULTS) {
            throw ScenarioException.at(source, "faults", "has " + faults.size() + " steps with its rounds written out, more than " + MAX_FAULTS);
        }
        checkNetworkSequence(faults, network, source);
        checkBindings(faults, faultPaths, source);
        checkCommands(faults, faultPaths, source, nodes);
        RandomFaults randomFaults = randomFaults(root.object("randomFaults"));
        List<Expectation> expect = new ArrayList<>();
        List<JsonNode> expectNodes = root.array("expect", 32);
        for (int i = 0; i < expectNodes.size(); i++) {
            expect.add(expectation(expectNodes.get(i), source, "expect[" + i + "]"));
            if (expect.get(i) instanceof Expectation.LinearizabilityViolation
                    && expect.stream().anyMatch(e -> e instanceof Expectation.Linearizable)
                    || expect.get(i) instanceof Expectation.Linearizable
                    && expect.stream().anyMatch(e -> e instanceof Expectation.LinearizabilityViolation)) {
                throw ScenarioException.at(source, "expect[" + i + "]", JsonFields.describe(expectNodes.get(i))
                        + " contradicts an earlier condition: a history cannot be both linearizable and not");
            }
        }
        TreeMap<String, ServerState> initialState = initialState(root.object("initialState"), nodes);
        long maxSteps = root.integer("maxSteps", 0, 1_000, 10_000_000_000L);
        List<ScenarioNote> notes = new ArrayList<>();
        List<JsonNode> noteNodes = root.array("notes", MAX_NOTES);
        for (int i = 0; i < noteNodes.size(); i++) {
            notes.add(note(new JsonFields(noteNodes.get(i), source, "notes[" + i + "]"), durationMs));
        }
        ImplementationChoice implementation = implementation(root, raft, nodes);
        List<Integer> initialMembers = initialMembers(root, nodes);
        TreeMap<String, Double> clockRates = clockRates(root.object("clockRates"), nodes);
        root.done();
        return new Scenario(name, description, seed, nodes, durationMs, raft, network, clients, faults, randomFaults, expect, initialState, maxSteps, notes,
                implementation, initialMembers, clockRates);
    }

    /**
     * {@code clockRates}: by server, the rate its clock runs at from the start, in the range a
     * {@code drift} step takes (0.1..10; 1.0 is true time). Absent: every clock keeps true time.
     */
    private static TreeMap<String, Double> clockRates(JsonFields fields, int nodes) {
        TreeMap<String, Double> rates = new TreeMap<>();
        if (fields == null) {
            return rates;
        }
        for (String server : fields.names()) {
            NodeRef ref = nodeRef(null, server, fields.source(), fields.path(server), nodes, false, false);
            Double rate = fields.optionalNumber(server, 0.1, 10.0);
            if (rate == null) {
                throw fields.fail(fields.path(server), "is not a clock rate, 0.1..10 (1.0 is true time)");
            }
            rates.put(ref.name(), rate);
        }
        fields.done();
        return rates;
    }

    /**
     * {@code initialMembers}: the servers of the initial configuration, each once, at least one;
     * the other servers are spare slots until a membership change adds them. Absent: every server.
     */
    private static List<Integer> initialMembers(JsonFields root, int nodes) {
        List<JsonNode> values = root.array("initialMembers", MAX_NODES);
        if (values.isEmpty()) {
            if (root.has("initialMembers")) {
                throw root.fail(root.path("initialMembers"), "is empty; the initial configuration needs at least one server (leave the field out for all of them)");
            }
            return List.of();
        }
        TreeSet<Integer> members = new TreeSet<>();
        for (int i = 0; i < values.size(); i++) {
            String path = root.path("initialMembers") + "[" + i + "]";
            NodeRef ref = nodeRef(values.get(i), null, root.source(), path, nodes, false, false);
            if (!members.add(ref.index())) {
                throw ScenarioException.at(root.source(), path, "\"" + ref.name() + "\" is named twice");
            }
        }
        return List.copyOf(members);
    }

    /**
     * The Raft under test and its own settings, which that implementation validates: a key it
     * refuses is named with the path {@code implementationSettings.KEY}. Values are written as
     * strings, numbers or booleans and handed over as text.
     */
    private static ImplementationChoice implementation(JsonFields root, RaftSettings raft, int nodes) {
        String name = root.string("implementation", Implementations.DEFAULT, 40);
        RaftImplementation<?> implementation;
        try {
            implementation = Implementations.named(name);
        } catch (IllegalArgumentException e) {
            throw root.fail(root.path("implementation"), "\"" + name + "\" is not an implementation on the class path (" + String.join(", ", Implementations.names()) + ")");
        }
        TreeMap<String, String> settings = new TreeMap<>();
        JsonFields fields = root.object("implementationSettings");
        if (fields != null) {
            for (String key : fields.names()) {
                JsonNode value = fields.raw(key);
                if (value == null || !(value.isString() || value.isNumber() || value.isBoolean())) {
                    throw fields.fail(fields.path(key), (value == null ? "null" : JsonFields.describe(value)) + " is not a setting value (a string, number or boolean)");
                }
                settings.put(key, value.isString() ? value.stringValue() : value.toString());
            }
        }
        try {
            implementation.validate(raft.toConfig(nodes), settings);
        } catch (SettingsException e) {
            throw root.fail(root.path("implementationSettings"), name + ": " + e.getMessage());
        }
        TreeSet<Feature> requires = new TreeSet<>();
        List<JsonNode> requireNodes = root.array("requires", Feature.values().length);
        for (int i = 0; i < requireNodes.size(); i++) {
            JsonNode value = requireNodes.get(i);
            Feature feature = null;
            for (Feature known : Feature.values()) {
                if (value.isString() && known.name().equals(value.stringValue())) {
                    feature = known;
                }
            }
            if (feature == null) {
                throw root.fail(root.path("requires") + "[" + i + "]", JsonFields.describe(value) + " is not a feature ("
                        + String.join(", ", java.util.Arrays.stream(Feature.values()).map(Feature::name).toList()) + ")");
            }
            requires.add(feature);
        }
        return new ImplementationChoice(name, settings, requires);
    }

    /** A note is tied either to a moment of the run ({@code on}, the {@code nth} time it happens) or to a time ({@code atMs}), never both. */
    private static ScenarioNote note(JsonFields fields, long durationMs) {
        String text = fields.string("text", null, MAX_NOTE_CHARS);
        if (text == null || text.isBlank()) {
            throw fields.fail(fields.path("text"), "is missing: a note needs a text");
        }
        Long atMs = fields.optionalInteger("atMs", 0, durationMs);
        String on = fields.string("on", null, 40);
        Long nth = fields.optionalInteger("nth", 1, 10_000);
        fields.done();
        if (atMs == null && on == null) {
            throw fields.fail(fields.path("atMs"), "is missing: a note needs \"atMs\" (a time) or \"on\" (a moment of the run)");
        }
        if (atMs != null && on != null) {
            throw fields.fail(fields.path("on"), "a note has \"atMs\" or \"on\", not both");
        }
        if (atMs != null) {
            if (nth != null) {
                throw fields.fail(fields.path("nth"), "only a note with \"on\" counts occurrences");
            }
            return new ScenarioNote.AtTime(atMs, text);
        }
        NoteTrigger trigger = NoteTrigger.fromJsonName(on).orElseThrow(() -> fields.fail(fields.path("on"),
                "\"" + on + "\" is not a moment a note can name (" + NoteTrigger.jsonNames() + ")"));
        return new ScenarioNote.OnEvent(trigger, nth == null ? 1 : nth.intValue(), text);
    }

    private static RaftSettings raft(JsonFields fields, int nodes) {
        RaftSettings d = RaftSettings.DEFAULT;
        if (fields == null) {
            return d;
        }
        long min = d.electionTimeoutMinMs();
        long max = d.electionTimeoutMaxMs();
        JsonFields timeout = fields.object("electionTimeoutMs");
        if (timeout != null) {
            min = timeout.integer("min", min, 1, MAX_TIMEOUT_MS);
            // Without a max, keep a randomized range (§5.2): twice min, as the paper's 150-300 ms,
            // and never below the default; max = min would silently turn randomization off.
            max = timeout.integer("max", Math.min(MAX_TIMEOUT_MS, Math.max(max, 2 * min)), min, MAX_TIMEOUT_MS);
            timeout.done();
        }
        long heartbeatMs = fields.integer("heartbeatMs", d.heartbeatMs(), 1, MAX_TIMEOUT_MS);
        if (heartbeatMs >= min) {
            // The timing rule (§5.6): a leader keeps its authority only if its heartbeats (§5.2)
            // arrive before any follower's election timeout can fire.
            throw fields.fail(fields.path("heartbeatMs"), heartbeatMs + " is not below electionTimeoutMs.min " + min
                    + ": followers would time out between heartbeats and depose every leader (§5.2, §5.6)");
        }
        boolean preVote = fields.bool("preVote", d.preVote());
        boolean checkQuorum = fields.bool("checkQuorum", d.checkQuorum());
        boolean fastBacktrack = fields.bool("fastBacktrack", d.fastBacktrack());
        int batch = (int) fields.integer("maxEntriesPerAppend", d.maxEntriesPerAppend(), 1, 10_000);
        int inflight = (int) fields.integer("maxInflightAppends", d.maxInflightAppends(), 1, 1_000);
        TreeMap<String, Long> first = new TreeMap<>();
        JsonFields firstTimeouts = fields.object("firstElectionTimeoutMs");
        if (firstTimeouts != null) {
            for (String server : firstTimeouts.names()) {
                NodeRef ref = nodeRef(null, server, firstTimeouts.source(), firstTimeouts.path(server), nodes, false, false);
                first.put(ref.name(), firstTimeouts.integer(server, 0, 1, MAX_TIMEOUT_MS));
            }
            firstTimeouts.done();
        }
        boolean timerResetOnHigherTerm = fields.bool("electionTimerResetOnHigherTerm", d.electionTimerResetOnHigherTerm());
        boolean leaderNoOp = fields.bool("leaderNoOp", d.leaderNoOp());
        int snapshotEvery = (int) fields.integer("snapshotEveryEntries", d.snapshotEveryEntries(), 0, 1_000_000);
        String readModeName = fields.string("readMode", d.readMode().jsonName(), 40);
        ReadMode readMode = ReadMode.fromJsonName(readModeName);
        if (readMode == null) {
            throw fields.fail(fields.path("readMode"), "\"" + readModeName + "\" is not a read mode (log, readIndex, lease)");
        }
        long clockDriftBoundPpm = fields.integer("clockDriftBoundPpm", d.clockDriftBoundPpm(), 0, 10_000_000);
        fields.done();
        return new RaftSettings(min, max, heartbeatMs, preVote, checkQuorum, fastBacktrack, batch, inflight, first, timerResetOnHigherTerm,
                leaderNoOp, snapshotEvery, readMode, clockDriftBoundPpm);
    }

    /** {@code {"n1": {"term": 3, "votedFor": "n5", "log": [1, 2]}, ...}}: terms non-decreasing, none above the term. */
    private static TreeMap<String, ServerState> initialState(JsonFields fields, int nodes) {
        TreeMap<String, ServerState> states = new TreeMap<>();
        if (fields == null) {
            return states;
        }
        for (String server : fields.names()) {
            NodeRef ref = nodeRef(null, server, fields.source(), fields.path(server), nodes, false, false);
            JsonFields state = fields.object(server);
            long term = state.integer("term", 0, 0, 1_000_000_000);
            NodeRef votedFor = null;
            JsonNode vote = state.raw("votedFor");
            if (vote != null) {
                votedFor = nodeRef(vote, null, fields.source(), state.path("votedFor"), nodes, false, false);
            }
            List<Long> logTerms = new ArrayList<>();
            List<JsonNode> log = state.array("log", 100_000);
            long previous = 0;
            for (int i = 0; i < log.size(); i++) {
                JsonNode entry = log.get(i);
                String path = state.path("log") + "[" + i + "]";
                if (!entry.isIntegralNumber() || !entry.canConvertToLong() || entry.longValue() < Math.max(1, previous) || entry.longValue() > term) {
                    throw ScenarioException.at(fields.source(), path, JsonFields.describe(entry)
                            + " is not an entry term: terms are whole numbers from 1, never decreasing, at most the server's term " + term);
                }
                previous = entry.longValue();
                logTerms.add(previous);
            }
            state.done();
            checkLogMatching(states, ref.name(), logTerms, fields.source(), state.path("log"));
            states.put(ref.name(), new ServerState(term, votedFor, logTerms));
        }
        return states;
    }

    /**
     * Log Matching (§5.3, Figure 3), as initial logs of no-op entries can break it: a term has
     * at most one leader (Election Safety) and a leader only appends, so every entry of term T
     * on any server sits on a prefix of that leader's log. Two servers that both hold entries
     * of term T therefore agree on every index up to the last T entry they both reach. A state
     * breaking this could never arise, and a run from it would only report the break as a
     * safety violation of Raft itself.
     */
    private static void checkLogMatching(TreeMap<String, ServerState> earlier, String server, List<Long> log, String source, String path) {
        for (java.util.Map.Entry<String, ServerState> other : earlier.entrySet()) {
            List<Long> otherLog = other.getValue().logTerms();
            long agreeThrough = 0;   // the last index both logs must agree on
            long sharedTerm = 0;     // the term whose entries make them agree there
            for (int i = 0; i < log.size(); i++) {
                long reach = Math.min(i + 1, lastIndexOfTerm(otherLog, log.get(i)));
                if (reach > agreeThrough) {
                    agreeThrough = reach;
                    sharedTerm = log.get(i);
                }
            }
            for (int i = 0; i < agreeThrough; i++) {
                if (!log.get(i).equals(otherLog.get(i))) {
                    throw ScenarioException.at(source, path + "[" + i + "]", "term " + log.get(i) + " at index " + (i + 1)
                            + " breaks Log Matching (§5.3) with " + other.getKey() + ", which has term " + otherLog.get(i)
                            + " there: both hold term-" + sharedTerm + " entries through index " + agreeThrough
                            + ", which one leader appended to one log, so they must agree up to it");
                }
            }
        }
    }

    /** The 1-based index of the last entry of {@code term}, or 0. */
    private static long lastIndexOfTerm(List<Long> log, long term) {
        for (int i = log.size() - 1; i >= 0; i--) {
            if (log.get(i) == term) {
                return i + 1;
            }
        }
        return 0;
    }

    private static NetworkSettings network(JsonFields fields, String path) {
        NetworkSettings d = NetworkSettings.DEFAULT;
        if (fields == null) {
            return d;
        }
        NetworkPatch patch = networkPatch(fields);
        NetworkPatch replies = replies(fields);
        ClientLinks clients = clientLinks(fields);
        fields.done();
        NetworkSettings settings = d.with(patch).withReplies(replies == null ? NetworkPatch.NONE : replies)
                .withClients(clients == null ? ClientLinks.NONE : clients);
        if (settings.latencyMaxMs() < settings.latencyMinMs()) {
            throw fields.fail(path + ".latencyMs.max", JsonFields.format(settings.latencyMaxMs()) + " is below latencyMs.min " + JsonFields.format(settings.latencyMinMs()));
        }
        return settings;
    }

    /** Reads the network fields; the caller checks that no other field is present. */
    private static NetworkPatch networkPatch(JsonFields fields) {
        Double min = null;
        Double max = null;
        JsonFields latency = fields.object("latencyMs");
        if (latency != null) {
            min = latency.optionalNumber("min", 0, MAX_TIMEOUT_MS);
            max = latency.optionalNumber("max", min == null ? 0 : min, MAX_TIMEOUT_MS);
            latency.done();
        }
        Double drop = fields.optionalNumber("dropRate", 0, 1);
        Double duplicate = fields.optionalNumber("duplicateRate", 0, 1);
        Double tail = fields.optionalNumber("tailRate", 0, 1);
        Double tailMax = fields.optionalNumber("tailMaxMs", 0, 10 * MAX_TIMEOUT_MS);
        Boolean fifo = fields.optionalBool("fifo");
        return new NetworkPatch(min, max, drop, duplicate, tail, tailMax, fifo);
    }

    /** The {@code replies} block of a network setting: the fields replies take differently; null when absent. */
    private static NetworkPatch replies(JsonFields fields) {
        JsonFields repliesFields = fields.object("replies");
        if (repliesFields == null) {
            return null;
        }
        NetworkPatch replies = networkPatch(repliesFields);
        if (replies.fifo() != null) {
            throw repliesFields.fail(repliesFields.path("fifo"), "is a setting of the link, not of its replies; set network.fifo");
        }
        repliesFields.done();
        return replies;
    }

    /**
     * The {@code clients} block of a network setting: how client links differ from server
     * links, with its own {@code replies}; null when absent.
     */
    private static ClientLinks clientLinks(JsonFields fields) {
        JsonFields clientFields = fields.object("clients");
        if (clientFields == null) {
            return null;
        }
        NetworkPatch requests = networkPatch(clientFields);
        if (requests.fifo() != null) {
            throw clientFields.fail(clientFields.path("fifo"), "is a setting of the link, not of its client links; set network.fifo");
        }
        NetworkPatch replies = replies(clientFields);
        clientFields.done();
        return new ClientLinks(requests, replies == null ? NetworkPatch.NONE : replies);
    }

    /** Network changes apply in time order; each must leave a valid latency range. */
    private static void checkNetworkSequence(List<FaultStep> faults, NetworkSettings base, String source) {
        NetworkSettings current = base;
        List<FaultStep> sorted = new ArrayList<>(faults);
        sorted.sort(java.util.Comparator.comparingLong(FaultStep::atMicros));
        for (FaultStep step : sorted) {
            if (step instanceof FaultStep.Network change) {
                NetworkSettings next = change.applyTo(current);
                if (next.latencyMaxMs() < next.latencyMinMs()) {
                    throw ScenarioException.at(source, "faults (network at " + JsonFields.format(step.atMicros() / 1000.0) + " ms).latencyMs",
                            "min " + JsonFields.format(next.latencyMinMs()) + " is above max " + JsonFields.format(next.latencyMaxMs()));
                }
                if (!change.oneLink()) {
                    current = next;
                }
            }
        }
    }

    private static ClientSettings clients(JsonFields fields) {
        ClientSettings d = ClientSettings.DEFAULT;
        if (fields == null) {
            return d;
        }
        int count = (int) fields.integer("count", d.count(), 0, 100);
        double ops = fields.number("opsPerSecond", d.opsPerSecond(), 0, 10_000);
        int keys = (int) fields.integer("keys", d.keys(), 1, 1_000);
        long timeoutMs = fields.integer("requestTimeoutMs", d.requestTimeoutMs(), 1, MAX_TIMEOUT_MS);
        fields.done();
        return new ClientSettings(count, ops, keys, timeoutMs);
    }

    private static final String ACTIONS = "partition, isolate, cut, heal, crash, restart, pause, resume, reconnect, drift, network, clientBurst, submit, stopClients, startClients, addServer, promoteLearner, removeServer, changeMembership, check, bind, rounds";
    /** The longest a check or a wait may last: ten minutes of virtual time. */
    public static final long MAX_WINDOW_MS = 600_000;

    /** Where steps must end: the run's end, or a round's. */
    private record End(long ms, String why) {
    }

    public static final int MAX_ROUNDS = 1_000;
    public static final int MAX_ROUND_STEPS = 100;

    private static boolean isRounds(JsonNode step) {
        return step.isObject() && step.get("action") != null && step.get("action").isString() && "rounds".equals(step.get("action").stringValue());
    }

    /**
     * {@code count} rounds of {@code everyMs} from {@code atMs}, each running {@code steps} at
     * their times within the round, written out as plain steps (so the runner, the writer and
     * the shrinker see ordinary steps). Server choices differ per round because each round's
     * steps run at other times, from which {@code random} and {@code follower} draw.
     */
    private static void rounds(JsonFields fields, int nodes, long durationMs, List<FaultStep> faults, List<String> paths) {
        long atMicros = NetworkSettings.micros(fields.number("atMs", 0, 0, durationMs));
        fields.string("action", null, 40);
        Long count = fields.optionalInteger("count", 1, MAX_ROUNDS);
        if (count == null) {
            throw fields.fail(fields.path("count"), "missing; how many rounds, 1.." + MAX_ROUNDS);
        }
        Double everyMs = fields.optionalNumber("everyMs", 1, durationMs);
        if (everyMs == null) {
            throw fields.fail(fields.path("everyMs"), "missing; the length of one round, 1.." + durationMs + " ms");
        }
        long everyMicros = NetworkSettings.micros(everyMs);
        long endMicros = atMicros + count * everyMicros;
        if (endMicros > durationMs * 1000) {
            throw fields.fail(fields.path("count"), count + " rounds of " + JsonFields.format(everyMs) + " ms from " + JsonFields.format(atMicros / 1000.0)
                    + " ms end at " + JsonFields.format(endMicros / 1000.0) + " ms, after durationMs " + durationMs);
        }
        List<JsonNode> stepNodes = fields.array("steps", MAX_ROUND_STEPS);
        if (stepNodes.isEmpty()) {
            throw fields.fail(fields.path("steps"), "missing; the steps of one round, their atMs counted from the round's start");
        }
        fields.done();
        End roundEnd = new End((long) Math.floor(everyMs), "everyMs " + JsonFields.format(everyMs) + ", the round's length: the next round would start before it is judged");
        List<FaultStep> round = new ArrayList<>();
        for (int j = 0; j < stepNodes.size(); j++) {
            String path = fields.path("steps") + "[" + j + "]";
            if (isRounds(stepNodes.get(j))) {
                throw ScenarioException.at(fields.source(), path + ".action", "rounds do not nest");
            }
            round.add(fault(new JsonFields(stepNodes.get(j), fields.source(), path), nodes, roundEnd));
        }
        for (int r = 0; r < count; r++) {
            for (int j = 0; j < round.size(); j++) {
                FaultStep step = round.get(j);
                faults.add(step.at(atMicros + r * everyMicros + step.atMicros()));
                paths.add(fields.path("steps") + "[" + j + "] (round " + (r + 1) + ")");
            }
        }
    }

    private static FaultStep fault(JsonFields fields, int nodes, End end) {
        FaultStep step = plainFault(fields, nodes, end);
        String bind = bindName(fields, "bind");
        if (bind != null && Bindings.singleNode(step) == null) {
            throw fields.fail(fields.path("bind"), "\"" + bind + "\" cannot name the server of a " + step.action()
                    + " step; bind names the one server of an isolate, crash, restart, pause, resume, reconnect, drift, addServer, promoteLearner or removeServer step (or use a bind step)");
        }
        JsonNode whenNode = fields.raw("when");
        Condition when = null;
        long withinMicros = 0;
        if (whenNode != null) {
            if (step instanceof FaultStep.Check) {
                throw fields.fail(fields.path("when"), "a check does not wait; give the check its own atMs");
            }
            String path = fields.path("when");
            if (whenNode.isString()) {
                when = condition(whenNode.stringValue(), fields.source(), path);
            } else {
                JsonFields whenFields = new JsonFields(whenNode, fields.source(), path);
                when = condition(whenFields, nodes);
                whenFields.done();
            }
            if (when.kind().throughout()) {
                throw fields.fail(path, "\"" + when.kind().key() + "\" holds over a window, so a step cannot wait for it; wait for oneLeader, committed or applied");
            }
            withinMicros = window(fields, "withinMs", when.kind(), step.atMicros(), end);
        }
        DrawnWait wait = drawnWait(fields, step, when != null, end);
        int ifUpBelow = (int) fields.integer("ifUpBelow", 0, 1, nodes);
        int ifConnectedBelow = (int) fields.integer("ifConnectedBelow", 0, 1, nodes);
        if (step instanceof FaultStep.Check && (ifUpBelow > 0 || ifConnectedBelow > 0)) {
            throw fields.fail(fields.path(ifUpBelow > 0 ? "ifUpBelow" : "ifConnectedBelow"), "a check is not guarded; it judges whatever the run does");
        }
        fields.done();
        return bind == null && when == null && wait == null && ifUpBelow == 0 && ifConnectedBelow == 0 ? step
                : new FaultStep.Staged(step, bind, when, withinMicros, wait, ifUpBelow, ifConnectedBelow);
    }

    /**
     * A step's {@code waitMs}: {@code min}, {@code max} and optionally {@code tailRate} and
     * {@code tailMaxMs}, the longest wait ending by the run's or the round's end; null when absent.
     */
    private static DrawnWait drawnWait(JsonFields fields, FaultStep step, boolean waitsForCondition, End end) {
        JsonFields wait = fields.object("waitMs");
        if (wait == null) {
            return null;
        }
        if (step instanceof FaultStep.Check || step instanceof FaultStep.Network) {
            throw fields.fail(fields.path("waitMs"), "a " + step.action() + " step does not draw a wait; give it its own atMs");
        }
        if (waitsForCondition) {
            throw fields.fail(fields.path("waitMs"), "a step that waits for a condition (when) draws no wait as well");
        }
        Double min = wait.optionalNumber("min", 0, MAX_WINDOW_MS);
        if (min == null) {
            throw wait.fail(wait.path("min"), "missing; the shortest wait, 0.." + MAX_WINDOW_MS + " ms");
        }
        Double max = wait.optionalNumber("max", min, MAX_WINDOW_MS);
        if (max == null) {
            throw wait.fail(wait.path("max"), "missing; the longest wait, " + JsonFields.format(min) + ".." + MAX_WINDOW_MS + " ms");
        }
        double tailRate = wait.number("tailRate", 0, 0, 1);
        Double tailMax = wait.optionalNumber("tailMaxMs", max, MAX_WINDOW_MS);
        if (tailRate > 0 && tailMax == null) {
            throw wait.fail(wait.path("tailMaxMs"), "missing; the longest tail wait, " + JsonFields.format(max) + ".." + MAX_WINDOW_MS + " ms");
        }
        wait.done();
        DrawnWait drawn = new DrawnWait(NetworkSettings.micros(min), NetworkSettings.micros(max), tailRate,
                NetworkSettings.micros(tailMax == null || tailRate == 0 ? max : tailMax));
        long lastMicros = step.atMicros() + drawn.longestMicros();
        if (lastMicros > end.ms() * 1000) {
            throw fields.fail(fields.path("waitMs"), "waits until as late as " + JsonFields.format(lastMicros / 1000.0) + " ms, after " + end.why());
        }
        return drawn;
    }

    private static FaultStep plainFault(JsonFields fields, int nodes, End end) {
        long durationMs = end.ms();
        long atMicros = NetworkSettings.micros(fields.number("atMs", 0, 0, durationMs));
        String action = fields.string("action", null, 40);
        if (action == null) {
            throw fields.fail(fields.path("action"), "missing; one of " + ACTIONS);
        }
        FaultStep step = switch (action) {
            case "partition" -> partition(fields, atMicros, nodes);
            case "isolate" -> new FaultStep.Isolate(atMicros, node(fields, "node", nodes));
            case "transferLeadership" -> new FaultStep.TransferLeadership(atMicros, node(fields, "node", nodes));
            case "cut" -> {
                NodeRef from = node(fields, "from", nodes);
                NodeRef to = node(fields, "to", nodes);
                if (from.equals(to)) {
                    throw fields.fail(fields.path("to"), "\"" + to + "\" is the same server as from");
                }
                yield new FaultStep.Cut(atMicros, from, to);
            }
            case "heal" -> new FaultStep.Heal(atMicros);
            case "crash", "restart", "pause", "resume", "reconnect" -> new FaultStep.NodeAction(atMicros, action, node(fields, "node", nodes));
            case "drift" -> {
                NodeRef node = node(fields, "node", nodes);
                Double rate = fields.optionalNumber("rate", 0.1, 10.0);
                if (rate == null) {
                    throw fields.fail(fields.path("rate"), "missing; the clock rate, 0.1..10 (1.0 is true time)");
                }
                yield new FaultStep.Drift(atMicros, node, rate);
            }
            case "network" -> {
                NetworkPatch patch = networkPatch(fields);
                boolean oneLink = fields.has("from") || fields.has("to");
                NodeRef from = oneLink ? node(fields, "from", nodes) : null;
                NodeRef to = oneLink ? node(fields, "to", nodes) : null;
                if (oneLink && fields.has("clients")) {
                    throw fields.fail(fields.path("clients"), "a network step with from and to changes one link between two servers; change client links in a step for every link");
                }
                yield new FaultStep.Network(atMicros, patch, from, to, replies(fields), clientLinks(fields));
            }
            case "clientBurst" -> {
                Long count = fields.optionalInteger("count", 1, 100_000);
                if (count == null) {
                    throw fields.fail(fields.path("count"), "missing; how many operations, 1..100000");
                }
                yield new FaultStep.ClientBurst(atMicros, count.intValue());
            }
            case "submit" -> {
                Long count = fields.optionalInteger("count", 1, 100_000);
                if (count == null) {
                    throw fields.fail(fields.path("count"), "missing; how many commands, 1..100000");
                }
                JsonNode value = fields.raw("node");
                boolean all = value != null && value.isString() && "all".equals(value.stringValue());
                if (value == null) {
                    throw fields.fail(fields.path("node"), "missing; the server the commands go to first (a follower redirects them), or \"all\": count commands to every server");
                }
                yield new FaultStep.Submit(atMicros, count.intValue(), all ? null : node(fields, "node", nodes));
            }
            case "stopClients", "startClients" -> new FaultStep.Clients(atMicros, action.equals("startClients"));
            case "addServer" -> new FaultStep.Membership(atMicros, MembershipChange.Kind.ADD_LEARNER, node(fields, "node", nodes));
            case "promoteLearner" -> new FaultStep.Membership(atMicros, MembershipChange.Kind.PROMOTE_LEARNER, node(fields, "node", nodes));
            case "removeServer" -> new FaultStep.Membership(atMicros, MembershipChange.Kind.REMOVE_SERVER, node(fields, "node", nodes));
            case "changeMembership" -> jointChange(fields, atMicros, nodes);
            case "check" -> {
                Condition condition = condition(fields, nodes);
                Condition until = until(fields, condition, nodes);
                Condition.Kind windowed = until != null ? until.kind() : condition.kind();
                yield new FaultStep.Check(atMicros, condition, window(fields, windowed.windowField(), windowed, atMicros, end), until);
            }
            case "bind" -> {
                String name = bindName(fields, "name");
                if (name == null) {
                    throw fields.fail(fields.path("name"), "missing; the name later steps call the server by, as \"$NAME\"");
                }
                yield new FaultStep.Bind(atMicros, name, node(fields, "node", nodes));
            }
            default -> throw fields.fail(fields.path("action"), "\"" + action + "\" is not an action; one of " + ACTIONS);
        };
        return step;
    }

    /** A binding's name, written without its {@code $}; null when absent. */
    private static String bindName(JsonFields fields, String field) {
        String name = fields.string(field, null, 200);
        if (name != null && !name.matches(NodeRef.BINDING_NAME)) {
            throw fields.fail(fields.path(field), "\"" + name + "\" is not a name: a letter, then letters and digits, at most 40 (later steps write \"$NAME\")");
        }
        return name;
    }

    /**
     * A check's deadline or window, required, 1..{@link #MAX_WINDOW_MS} ms and ending within the
     * run: a deadline past the end could never be judged. The other window field is refused.
     */
    private static long window(JsonFields fields, String field, Condition.Kind kind, long atMicros, End end) {
        String other = field.equals("withinMs") ? "forMs" : "withinMs";
        if (fields.has(other)) {
            throw fields.fail(fields.path(other), kind.key() + (kind.throughout() ? " must hold throughout a window: give forMs, not withinMs"
                    : " must come to hold by a deadline: give withinMs, not forMs"));
        }
        Double ms = fields.optionalNumber(field, 1, MAX_WINDOW_MS);
        if (ms == null) {
            throw fields.fail(fields.path(field), "missing; " + kind.key() + (kind.throughout() ? " holds for how long" : " must hold within how long")
                    + ", 1.." + MAX_WINDOW_MS + " ms");
        }
        long micros = NetworkSettings.micros(ms);
        if (atMicros + micros > end.ms() * 1000) {
            throw fields.fail(fields.path(field), JsonFields.format(ms) + " ends at " + JsonFields.format((atMicros + micros) / 1000.0)
                    + " ms, after " + end.why());
        }
        return micros;
    }

    /**
     * A counting check's {@code until}: the condition whose coming to hold ends the count's
     * window (then given by {@code withinMs}, its deadline); null when absent.
     */
    private static Condition until(JsonFields fields, Condition condition, int nodes) {
        JsonNode node = fields.raw("until");
        if (node == null) {
            return null;
        }
        String path = fields.path("until");
        if (!condition.kind().counted()) {
            throw fields.fail(path, condition.kind().key() + " takes no until; only rpcsAtMost and bytesAtMost count up to a condition");
        }
        Condition until;
        if (node.isString()) {
            until = condition(node.stringValue(), fields.source(), path);
        } else {
            JsonFields untilFields = new JsonFields(node, fields.source(), path);
            until = condition(untilFields, nodes);
            untilFields.done();
        }
        if (until.kind().throughout()) {
            throw fields.fail(path, "\"" + until.kind().key() + "\" holds over a window, so it cannot end one; count until oneLeader, committed or applied");
        }
        return until;
    }

    /** A condition written as the fields of a check step or of a {@code when} object. */
    private static Condition condition(JsonFields fields, int nodes) {
        String key = fields.string("condition", null, 40);
        if (key == null) {
            throw fields.fail(fields.path("condition"), "missing; one of " + Condition.Kind.names());
        }
        Condition bare = condition(key, fields.source(), fields.path("condition"));
        Condition.Kind kind = bare.kind();
        List<NodeRef> among = conditionServers(fields, "among", nodes);
        List<NodeRef> except = conditionServers(fields, "except", nodes);
        long index = 0;
        int command = 0;
        JsonNode indexNode = fields.raw("index");
        if (kind.indexed()) {
            if (fields.has("command")) {
                if (indexNode != null) {
                    throw fields.fail(fields.path("command"), kind.key() + " names its entry by index or by command, not both");
                }
                command = (int) fields.integer("command", 0, 1, Condition.MAX_COMMAND);
            } else if (indexNode == null) {
                throw fields.fail(fields.path("index"), "missing; " + kind.key() + " needs a log index, 1..1000000000, or \"next\", or a \"command\" (the K-th submitted)");
            } else {
                index = indexNode.isString() && "next".equals(indexNode.stringValue()) ? Condition.NEXT_INDEX
                        : fields.integer("index", 0, 1, 1_000_000_000);
            }
        } else if (indexNode != null) {
            throw fields.fail(fields.path("index"), kind.key() + " takes no index");
        } else if (fields.has("command")) {
            throw fields.fail(fields.path("command"), kind.key() + " takes no command");
        }
        if (kind.counted()) {
            if (!among.isEmpty() || !except.isEmpty()) {
                throw fields.fail(fields.path(among.isEmpty() ? "except" : "among"), kind.key() + " counts what every server sends; it takes no among or except");
            }
            if (!fields.has("count")) {
                throw fields.fail(fields.path("count"), "missing; " + kind.key() + " needs the most " + (kind == Condition.Kind.RPCS_AT_MOST ? "RPCs" : "bytes")
                        + " the window may send, 0.." + Condition.MAX_SENT);
            }
            return Condition.atMost(kind, (int) fields.integer("count", 0, 0, Condition.MAX_SENT));
        }
        int count = 0;
        if (fields.has("count")) {
            if (kind != Condition.Kind.COMMITTED && kind != Condition.Kind.APPLIED) {
                throw fields.fail(fields.path("count"), kind.key() + " takes no count");
            }
            count = (int) fields.integer("count", 0, 1, nodes);
            if (!among.isEmpty() && count > among.size()) {
                throw fields.fail(fields.path("count"), count + " is more than the " + among.size() + " servers named in among: it could never hold");
            }
        }
        return new Condition(kind, among, except, index, count, command);
    }

    /** A condition named by a string alone ({@code "when": "oneLeader"}): only those that need no index. */
    private static Condition condition(String key, String source, String path) {
        Condition.Kind kind = Condition.Kind.named(key);
        if (kind == null) {
            throw ScenarioException.at(source, path, "\"" + key + "\" is not a condition; one of " + Condition.Kind.names());
        }
        if (kind.indexed()) {
            return new Condition(kind, List.of(), List.of(), Condition.NEXT_INDEX, 0);
        }
        return Condition.of(kind);
    }

    /** The three lists of a {@code changeMembership} step; {@code "leader"} may only be removed. */
    private static FaultStep jointChange(JsonFields fields, long atMicros, int nodes) {
        List<NodeRef> named = new ArrayList<>();
        List<NodeRef> addVoters = changedServers(fields, "addVoters", nodes, named);
        List<NodeRef> addLearners = changedServers(fields, "addLearners", nodes, named);
        List<NodeRef> removeServers = changedServers(fields, "removeServers", nodes, named);
        if (named.isEmpty()) {
            throw fields.fail(fields.path("addVoters"), "missing; a changeMembership step names servers in addVoters, addLearners or removeServers");
        }
        return new FaultStep.JointChange(atMicros, addVoters, addLearners, removeServers);
    }

    private static List<NodeRef> changedServers(JsonFields fields, String field, int nodes, List<NodeRef> named) {
        List<NodeRef> refs = new ArrayList<>();
        List<JsonNode> values = fields.array(field, MAX_NODES);
        for (int i = 0; i < values.size(); i++) {
            JsonNode value = values.get(i);
            String path = fields.path(field) + "[" + i + "]";
            boolean leader = value.isString() && "leader".equals(value.stringValue());
            if (leader && !field.equals("removeServers")) {
                throw ScenarioException.at(fields.source(), path, "\"leader\" is a voter already; only removeServers may name it");
            }
            NodeRef ref = leader ? NodeRef.LEADER : value.isString() && value.stringValue().startsWith("$") ? binding(value.stringValue(), fields.source(), path)
                    : nodeRef(value, null, fields.source(), path, nodes, false, false);
            if (named.contains(ref)) {
                throw ScenarioException.at(fields.source(), path, "\"" + ref + "\" is named twice in one change");
            }
            named.add(ref);
            refs.add(ref);
        }
        return refs;
    }

    /** {@code among} or {@code except}: servers {@code nK} or bound names {@code $NAME}. */
    private static List<NodeRef> conditionServers(JsonFields fields, String field, int nodes) {
        List<NodeRef> refs = new ArrayList<>();
        List<JsonNode> values = fields.array(field, MAX_NODES);
        for (int i = 0; i < values.size(); i++) {
            JsonNode value = values.get(i);
            String path = fields.path(field) + "[" + i + "]";
            NodeRef ref = value.isString() && value.stringValue().startsWith("$") ? binding(value.stringValue(), fields.source(), path)
                    : nodeRef(value, null, fields.source(), path, nodes, false, false);
            if (refs.contains(ref)) {
                throw ScenarioException.at(fields.source(), path, "\"" + ref + "\" is named twice");
            }
            refs.add(ref);
        }
        return refs;
    }

    private static NodeRef binding(String text, String source, String path) {
        String name = text.substring(1);
        if (!name.matches(NodeRef.BINDING_NAME)) {
            throw ScenarioException.at(source, path, "\"" + text + "\" is not a bound name: $ then a letter, then letters and digits, at most 40");
        }
        return NodeRef.binding(name);
    }

    /** Every {@code "command": K} must name a command the submit steps submit by the time it is judged. */
    private static void checkCommands(List<FaultStep> faults, List<String> paths, String source, int nodes) {
        SubmittedCommands.Beyond beyond = SubmittedCommands.firstBeyond(faults, nodes);
        if (beyond != null) {
            throw ScenarioException.at(source, paths.get(beyond.stepIndex()) + ".command", beyond.command() + " is beyond the " + beyond.submitted()
                    + " commands submit steps submit by the end of this step's window: it could never be committed");
        }
    }

        /** Every {@code $NAME} a step uses must be bound by a step that surely runs before it. */
    private static void checkBindings(List<FaultStep> faults, List<String> paths, String source) {
        Bindings.Unbound unbound = Bindings.firstUnbound(faults);
        if (unbound != null) {
            throw ScenarioException.at(source, paths.get(unbound.stepIndex()), "\"" + unbound.reference() + "\": " + unbound.why());
        }
    }

    private static FaultStep partition(JsonFields fields, long atMicros, int nodes) {
        List<JsonNode> groupNodes = fields.array("groups", MAX_NODES + 1);
        if (groupNodes.size() < 2) {
            throw fields.fail(fields.path("groups"), "needs at least two groups, e.g. [[\"leader\", \"n1\"], [\"rest\"]]");
        }
        List<List<NodeRef>> groups = new ArrayList<>();
        int rests = 0;
        for (int g = 0; g < groupNodes.size(); g++) {
            JsonNode group = groupNodes.get(g);
            String path = fields.path("groups") + "[" + g + "]";
            if (!group.isArray() || group.isEmpty()) {
                throw fields.fail(path, JsonFields.describe(group) + " is not a non-empty array of servers");
            }
            List<NodeRef> members = new ArrayList<>();
            for (int m = 0; m < group.size(); m++) {
                NodeRef ref = nodeRef(group.get(m), null, fields.source(), path + "[" + m + "]", nodes, true, true);
                rests += ref.isRest() ? 1 : 0;
                members.add(ref);
            }
            groups.add(members);
        }
        if (rests > 1) {
            throw fields.fail(fields.path("groups"), "names \"rest\" " + rests + " times; it may stand in one group only");
        }
        return new FaultStep.Partition(atMicros, groups);
    }

    private static NodeRef node(JsonFields fields, String field, int nodes) {
        JsonNode value = fields.raw(field);
        if (value == null) {
            throw fields.fail(fields.path(field), "missing; a server n1..n" + nodes + ", \"leader\", \"follower\", \"afterLeader\", \"random\" or a bound \"$NAME\"");
        }
        return nodeRef(value, null, fields.source(), fields.path(field), nodes, true, false);
    }

    /** Parses {@code nK}, {@code leader} or (where allowed) {@code rest}; {@code name} overrides a missing value node. */
    private static NodeRef nodeRef(JsonNode value, String name, String source, String path, int nodes, boolean leaderAllowed, boolean restAllowed) {
        String text = name;
        if (value != null) {
            if (!value.isString()) {
                throw ScenarioException.at(source, path, JsonFields.describe(value) + " is not a server name (n1..n" + nodes + ")");
            }
            text = value.stringValue();
        }
        if (leaderAllowed && "leader".equals(text)) {
            return NodeRef.LEADER;
        }
        if (leaderAllowed && "follower".equals(text)) {
            return NodeRef.FOLLOWER;
        }
        if (leaderAllowed && "afterLeader".equals(text)) {
            return NodeRef.AFTER_LEADER;
        }
        if (leaderAllowed && "random".equals(text)) {
            return NodeRef.RANDOM;
        }
        if (leaderAllowed && text != null && text.startsWith("$")) {
            return binding(text, source, path);
        }
        if (restAllowed && "rest".equals(text)) {
            return NodeRef.REST;
        }
        if (text != null && text.matches("n[1-9][0-9]{0,4}")) {
            int number = Integer.parseInt(text.substring(1));
            if (number <= nodes) {
                return NodeRef.server(number - 1);
            }
            throw ScenarioException.at(source, path, "\"" + text + "\" is not a server of this " + nodes + "-node cluster (n1..n" + nodes + ")");
        }
        String allowed = "n1..n" + nodes + (leaderAllowed ? ", \"leader\", \"follower\", \"afterLeader\", \"random\", \"$NAME\"" : "") + (restAllowed ? ", \"rest\"" : "");
        throw ScenarioException.at(source, path, "\"" + text + "\" is not a server name (" + allowed + ")");
    }

    private static RandomFaults randomFaults(JsonFields fields) {
        if (fields == null) {
            return null;
        }
        EnumSet<FaultKind> kinds = null;
        JsonNode kindNodes = fields.raw("kinds");
        if (kindNodes != null) {
            List<JsonNode> elements = fields.array("kinds", FaultKind.values().length);
            kinds = EnumSet.noneOf(FaultKind.class);
            for (int i = 0; i < elements.size(); i++) {
                kinds.add(faultKind(elements.get(i), fields, fields.path("kinds") + "[" + i + "]"));
            }
            if (kinds.isEmpty()) {
                throw fields.fail(fields.path("kinds"), "is empty; leave it out to draw the kinds from the seed");
            }
        }
        Long interval = fields.optionalInteger("meanIntervalMs", 10, MAX_DURATION_MS);
        Long duration = fields.optionalInteger("meanDurationMs", 10, MAX_DURATION_MS);
        Boolean drawNetwork = fields.optionalBool("drawNetwork");
        Boolean drawRaftOptions = fields.optionalBool("drawRaftOptions");
        fields.done();
        return new RandomFaults(kinds, interval, duration, Boolean.TRUE.equals(drawNetwork), Boolean.TRUE.equals(drawRaftOptions));
    }

    /** Fault kinds by their file names: crash, partition, isolate, oneWayCut, pause, drift, lossyNetwork, duplicatingNetwork, slowNetwork. */
    public static String kindName(FaultKind kind) {
        String[] words = kind.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return name.toString();
    }

    private static FaultKind faultKind(JsonNode value, JsonFields fields, String path) {
        for (FaultKind kind : FaultKind.values()) {
            if (value.isString() && kindName(kind).equals(value.stringValue())) {
                return kind;
            }
        }
        List<String> names = new ArrayList<>();
        for (FaultKind kind : FaultKind.values()) {
            names.add(kindName(kind));
        }
        throw fields.fail(path, JsonFields.describe(value) + " is not a fault kind; one of " + String.join(", ", names));
    }

    private static Expectation expectation(JsonNode value, String source, String path) {
        if (value.isString()) {
            return switch (value.stringValue()) {
                case "leaderElected" -> new Expectation.LeaderElected(null);
                case "leaderChanged" -> new Expectation.LeaderChanged();
                case "splitVote" -> new Expectation.SplitVote();
                case "splitBrainLeaders" -> new Expectation.SplitBrainLeaders();
                case "rollback" -> new Expectation.Rollback();
                case "snapshotInstalled" -> new Expectation.SnapshotInstalled();
                case "linearizable" -> new Expectation.Linearizable();
                case "live" -> new Expectation.Live();
                case "linearizabilityViolation" -> new Expectation.LinearizabilityViolation();
                default -> throw ScenarioException.at(source, path, JsonFields.describe(value)
                        + " is not a condition; one of leaderElected, leaderChanged, splitVote, splitBrainLeaders, rollback, snapshotInstalled,"
                        + " linearizable, live, linearizabilityViolation,"
                        + " or an object with one of " + OBJECT_CONDITIONS);
            };
        }
        JsonFields fields = new JsonFields(value, source, path);
        Long within = fields.optionalInteger("leaderElectedWithinMs", 1, MAX_DURATION_MS);
        Long committed = fields.optionalInteger("committedAtLeast", 1, 100_000_000);
        Long atLeast = fields.optionalInteger("electionsAtLeast", 1, 1_000_000);
        Long atMost = fields.optionalInteger("electionsAtMost", 0, 1_000_000);
        fields.done();
        if (value.size() != 1) {
            throw ScenarioException.at(source, path, "an object condition has exactly one field: " + OBJECT_CONDITIONS);
        }
        return within != null ? new Expectation.LeaderElected(within)
                : committed != null ? new Expectation.Committed(committed)
                : atLeast != null ? new Expectation.ElectionsAtLeast(atLeast)
                : new Expectation.ElectionsAtMost(atMost);
    }

    private static String decode(byte[] bytes, String source) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ScenarioException.at(source, "", "is not UTF-8 text");
        }
    }
}
