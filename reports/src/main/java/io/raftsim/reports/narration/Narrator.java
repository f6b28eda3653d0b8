package io.raftsim.reports.narration;

import io.raftsim.harness.event.RaftEvent;
import io.raftsim.reports.trace.TraceEvent;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a trace, as it streams by, into a story: the scenario's own notes placed at the step
 * where their moment happens, and generated notes for the moments every run has (a timer
 * firing, an election won, a split vote, a rollback, a crash, a partition), so that any
 * seed's page reads as a sequence of scenes. Scenario notes whose moment never came are kept
 * aside, to be said on the page rather than silently dropped.
 */
public final class Narrator {
    /** Generated notes kept; past this the rest of a long run is left unnarrated (and the page says so). */
    public static final int MAX_GENERATED = 2_000;
    /** Terms remembered for vote counts; an election older than this is long decided. */
    private static final int TERMS_REMEMBERED = 64;

    private final int servers;
    private final CommandLookup commands;
    private final List<ScenarioNote> scenarioNotes;
    private final boolean[] scenarioNoteDone;
    private final Map<NoteTrigger, Integer> occurrences = new EnumMap<>(NoteTrigger.class);
    /** The configuration last told, so each is told once however many servers adopt it. */
    private String lastConfiguration;
    private final List<Narration> notes = new ArrayList<>();
    private int generated;
    private long generatedDropped;
    /** term -> votes each server received in that term (self-votes included). */
    private final TreeMap<Long, int[]> votesByTerm = new TreeMap<>();
    /** term -> the leader elected in it, if any. */
    private final TreeMap<Long, Integer> leaderByTerm = new TreeMap<>();
    private long lastCampaignTermReported;
    private final List<List<Long>> logTerms = new ArrayList<>();
    private boolean firstCommandCommitted;
    private final boolean[] crashed;
    /** The step and moment of the last scenario note placed: a generated note for the same moment would repeat it. */
    private long scenarioNoteStep = -1;
    private NoteTrigger scenarioNoteTrigger;
    private boolean networkSplit;

    /** The command of the entry at (index, term), or null when the trace has not shown it. */
    @FunctionalInterface
    public interface CommandLookup {
        String command(long index, long term);
    }

    public Narrator(int servers, JsonNode scenario, CommandLookup commands) {
        this.servers = servers;
        this.commands = commands;
        this.scenarioNotes = ScenarioNotes.read(scenario);
        this.scenarioNoteDone = new boolean[scenarioNotes.size()];
        this.crashed = new boolean[servers];
        for (int n = 0; n < servers; n++) {
            logTerms.add(new ArrayList<>());
        }
    }

    /** Notes so far, in step order. */
    public List<Narration> notes() {
        return notes;
    }

    public long generatedDropped() {
        return generatedDropped;
    }

    /** The scenario's notes whose moment did not happen in this run (or not as often as {@code nth} asks). */
    public List<ScenarioNote> unmet() {
        List<ScenarioNote> unmet = new ArrayList<>();
        for (int i = 0; i < scenarioNotes.size(); i++) {
            if (!scenarioNoteDone[i]) {
                unmet.add(scenarioNotes.get(i));
            }
        }
        return unmet;
    }

    public void add(TraceEvent.Step event) {
        timedNotes(event);
        if (event instanceof TraceEvent.RoleChange e && e.node() < servers) {
            role(e);
        } else if (event instanceof TraceEvent.VoteGranted e && !e.preVote() && e.node() < servers) {
            votes(e.term())[e.candidate()]++;
            moment(event, NoteTrigger.VOTE, new Parties(e.node(), e.candidate(), e.term(), -1, -1, null, null));
        } else if (event instanceof TraceEvent.VoteRefused e && e.node() < servers) {
            moment(event, NoteTrigger.REFUSE, new Parties(e.node(), e.candidate(), e.term(), -1, -1, null, reason(e.reason())));
        } else if (event instanceof TraceEvent.LogAppend e && e.node() < servers) {
            append(e);
        } else if (event instanceof TraceEvent.LogTruncate e && e.node() < servers) {
            List<Long> terms = logTerms.get(e.node());
            truncate(terms, e.from() - 1);
            long count = e.to() - e.from() + 1;
            Parties p = new Parties(e.node(), -1, -1, e.from(), count, null, null);
            moment(event, NoteTrigger.ROLLBACK, p);
            generate(event, NoteTrigger.ROLLBACK, name(e.node()) + " rolls back " + count + (count == 1 ? " entry" : " entries") + " (index " + range(e.from(), e.to())
                    + "): the leader's log disagrees there, and the leader's log wins (§5.3). Only entries that were never committed can be removed.");
        } else if (event instanceof TraceEvent.CommitAdvance e && e.node() < servers) {
            commit(e);
        } else if (event instanceof TraceEvent.Apply e && e.node() < servers && !"noop".equals(e.command())) {
            moment(event, NoteTrigger.APPLY, new Parties(e.node(), -1, e.term(), e.index(), -1, shortCommand(e.command()), null));
        } else if (event instanceof TraceEvent.ClientComplete e) {
            moment(event, NoteTrigger.REPLY, new Parties(e.server(), e.client(), -1, -1, -1, e.result(), null));
        } else if (event instanceof TraceEvent.Message m && m.fate() == TraceEvent.MessageFate.DELIVER) {
            message(m);
        } else if (event instanceof TraceEvent.Restore e && e.node() < servers) {
            truncate(logTerms.get(e.node()), e.lastIndex());
            if (!crashed[e.node()]) {
                return; // the first start of a run, not a restart
            }
            moment(event, NoteTrigger.RESTART, new Parties(e.node(), -1, e.term(), e.lastIndex(), -1, null, null));
            generate(event, NoteTrigger.RESTART, name(e.node()) + " restarts with what it had persisted: term " + e.term() + ", vote "
                    + (e.votedFor() < 0 ? "none" : name(e.votedFor())) + ", log 1.." + e.lastIndex()
                    + ". It forgets its commit index and rejoins as a follower (Figure 2: persistent state).");
        } else if (event instanceof TraceEvent.ConfigurationChange e && e.node() < servers) {
            configuration(e);
        } else if (event instanceof TraceEvent.Fault f) {
            fault(f);
        }
    }

    /**
     * The first server to use a configuration tells it; the others that follow it say nothing
     * new. A configuration is in force from the moment its entry is appended (§4.1).
     */
    private void configuration(TraceEvent.ConfigurationChange e) {
        String text = e.outgoing().isEmpty() ? "voters " + names(e.voters())
                : "joint: new voters " + names(e.voters()) + " with old voters " + names(e.outgoing());
        text += e.learners().isEmpty() ? "" : ", learners " + names(e.learners());
        if (text.equals(lastConfiguration)) {
            return;
        }
        lastConfiguration = text;
        moment(e, NoteTrigger.CONFIGURATION, new Parties(e.node(), -1, -1, e.index(), -1, text, null));
        generate(e, NoteTrigger.CONFIGURATION, name(e.node()) + " now uses the configuration " + text
                + (e.index() > 0 ? " (entry " + e.index() + ")" : " (the initial one)")
                + ": a server uses the latest configuration in its log as soon as it is appended, committed or not (§4.1)."
                + (e.outgoing().isEmpty() ? "" : " While it is joint, elections and commitment need a majority of the old voters and,"
                        + " separately, of the new (§4.3); once it commits, the leader appends the new configuration alone.")
                + (e.learners().isEmpty() ? "" : " Learners are replicated to but never vote or count (§4.2.1)."));
    }

    private String names(List<Integer> servers) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < servers.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(name(servers.get(i)));
        }
        return text.toString();
    }

    private void role(TraceEvent.RoleChange e) {
        Parties p = new Parties(e.node(), -1, e.term(), -1, -1, null, null);
        switch (e.to()) {
            case "CANDIDATE" -> {
                boolean alone = reportFailedElections(e, e.term());
                votes(e.term())[e.node()]++;
                moment(e, NoteTrigger.CANDIDATE, p);
                generate(e, NoteTrigger.CANDIDATE, alone
                        ? name(e.node()) + "'s election timer fired again: no other server voted for it in term " + (e.term() - 1)
                                + ", so it tries term " + e.term() + "."
                        : name(e.node()) + "'s election timer fired: it becomes a candidate for term " + e.term()
                                + ", votes for itself and asks the others for their votes (§5.2).");
            }
            case "PRE_CANDIDATE" -> {
                moment(e, NoteTrigger.PRE_CANDIDATE, p);
                generate(e, NoteTrigger.PRE_CANDIDATE, name(e.node()) + "'s election timer fired: with PreVote it first asks whether it could win term "
                        + (e.term() + 1) + ", without raising its own term yet (§9.6).");
            }
            case "LEADER" -> {
                leaderByTerm.put(e.term(), e.node());
                int[] votes = votes(e.term());
                moment(e, NoteTrigger.LEADER, new Parties(e.node(), -1, e.term(), -1, votes[e.node()], null, null));
                generate(e, NoteTrigger.LEADER, name(e.node()) + " wins term " + e.term() + " with " + votes[e.node()] + " of " + servers
                        + " votes (a majority is " + (servers / 2 + 1) + "). As leader it appends a no-op of its term and sends heartbeats so nobody else times out (§5.2, §8).");
            }
            default -> {
            }
        }
    }

    /**
     * A campaign for {@code term} started: every earlier term that had candidates but no leader
     * failed; say how. Returns true when the only failure was the new candidate's own campaign
     * of the term before, with no vote but its own (a server cut off, trying again and again):
     * its candidate note says so, shorter.
     */
    private boolean reportFailedElections(TraceEvent.RoleChange at, long term) {
        boolean alone = false;
        for (Map.Entry<Long, int[]> entry : votesByTerm.headMap(term).entrySet()) {
            long failed = entry.getKey();
            if (failed <= lastCampaignTermReported || leaderByTerm.containsKey(failed)) {
                continue;
            }
            int[] votes = entry.getValue();
            StringBuilder tally = new StringBuilder();
            int candidates = 0;
            for (int n = 0; n < servers; n++) {
                if (votes[n] > 0) {
                    tally.append(candidates == 0 ? "" : ", ").append(name(n)).append(' ').append(votes[n]);
                    candidates++;
                }
            }
            if (candidates >= 2) {
                moment(at, NoteTrigger.SPLIT_VOTE, new Parties(-1, -1, failed, -1, candidates, null, null));
                generate(at, NoteTrigger.SPLIT_VOTE, "Split vote in term " + failed + ": the votes went " + tally + "; a majority is " + (servers / 2 + 1)
                        + ", so nobody won. Randomized timeouts make the next try unlikely to split again (§5.2).");
            } else if (candidates == 1 && failed == term - 1 && votes[at.node()] == 1) {
                alone = true;
            } else if (candidates == 1) {
                generate(at, NoteTrigger.SPLIT_VOTE, "Term " + failed + " ended without a leader: " + tally + " of " + servers + " votes, short of a majority of "
                        + (servers / 2 + 1) + ".");
            }
        }
        lastCampaignTermReported = Math.max(lastCampaignTermReported, term - 1);
        return alone;
    }

    private int[] votes(long term) {
        int[] votes = votesByTerm.computeIfAbsent(term, t -> new int[servers]);
        while (votesByTerm.size() > TERMS_REMEMBERED) {
            long oldest = votesByTerm.firstKey();
            votesByTerm.remove(oldest);
            leaderByTerm.remove(oldest);
            lastCampaignTermReported = Math.max(lastCampaignTermReported, oldest);
        }
        return votes;
    }

    private void append(TraceEvent.LogAppend e) {
        List<Long> terms = logTerms.get(e.node());
        truncate(terms, e.from() - 1);
        while (terms.size() < e.from() - 1) {
            terms.add(-1L);
        }
        terms.addAll(e.terms());
        for (int i = 0; i < e.terms().size(); i++) {
            String command = commands.command(e.from() + i, e.terms().get(i));
            if (command != null && !"noop".equals(command)) {
                moment(e, NoteTrigger.APPEND, new Parties(e.node(), -1, e.terms().get(i), e.from() + i, -1, shortCommand(command), null));
                return;
            }
        }
    }

    private void commit(TraceEvent.CommitAdvance e) {
        List<Long> terms = logTerms.get(e.node());
        for (long index = e.from() + 1; index <= e.to() && index <= terms.size(); index++) {
            long term = terms.get((int) (index - 1));
            String command = commands.command(index, term);
            if (command != null && !"noop".equals(command)) {
                String shown = shortCommand(command);
                moment(e, NoteTrigger.COMMIT, new Parties(e.node(), -1, term, index, -1, shown, null));
                if (!firstCommandCommitted) {
                    firstCommandCommitted = true;
                    generate(e, NoteTrigger.COMMIT, name(e.node()) + " commits entry " + index + " (" + shown + ", term " + term + "): it is stored on a majority, "
                            + "so it survives any later election; now it can be applied and answered (§5.3).");
                }
                return;
            }
        }
    }

    private void message(TraceEvent.Message m) {
        if ("ClientRequest".equals(m.kind()) && m.to() < servers) {
            moment(m, NoteTrigger.CLIENT_REQUEST, new Parties(m.to(), m.from(), -1, -1, -1, shortCommand(m.fields().path("command").asString()), null));
        } else if ("ClientReply".equals(m.kind()) && m.from() < servers && "NOT_LEADER".equals(m.fields().path("status").asString())) {
            moment(m, NoteTrigger.REDIRECT, new Parties(m.from(), m.to(), -1, -1, -1, null, null));
        }
    }

    private void fault(TraceEvent.Fault f) {
        switch (f.kind()) {
            case "crash" -> {
                if (f.node() >= 0 && f.node() < servers) {
                    crashed[f.node()] = true;
                }
                moment(f, NoteTrigger.CRASH, new Parties(f.node(), -1, -1, -1, -1, null, null));
                generate(f, NoteTrigger.CRASH, name(f.node()) + " crashes. What it persisted (term, vote, log) survives on its disk; everything else is lost.");
            }
            case "partition" -> {
                StringBuilder groups = new StringBuilder();
                for (List<Integer> group : f.groups()) {
                    groups.append(groups.length() == 0 ? "{" : " | {");
                    for (int i = 0; i < group.size(); i++) {
                        groups.append(i == 0 ? "" : ", ").append(name(group.get(i)));
                    }
                    groups.append('}');
                }
                moment(f, NoteTrigger.PARTITION, new Parties(-1, -1, -1, -1, f.groups().size(), null, null));
                networkSplit = true;
                generate(f, NoteTrigger.PARTITION, "The network splits: " + groups + ". Only a side with a majority can elect a leader and commit.");
            }
            case "isolate" -> {
                networkSplit = true;
                generate(f, NoteTrigger.PARTITION, name(f.node()) + " is cut off from every other server.");
            }
            case "cut" -> networkSplit = true;
            case "heal" -> {
                if (networkSplit) { // the liveness phase heals every run; only a heal that ends a split is part of the story
                    moment(f, NoteTrigger.HEAL, new Parties(-1, -1, -1, -1, -1, null, null));
                    generate(f, NoteTrigger.HEAL, "The network heals: every server can reach every other again.");
                }
                networkSplit = false;
            }
            default -> {
            }
        }
    }

    /** A scenario note tied to this moment, when this is the occurrence it waits for. */
    private void moment(TraceEvent.Step at, NoteTrigger trigger, Parties parties) {
        int count = occurrences.merge(trigger, 1, Integer::sum);
        for (int i = 0; i < scenarioNotes.size(); i++) {
            if (!scenarioNoteDone[i] && scenarioNotes.get(i) instanceof ScenarioNote.OnEvent on && on.on() == trigger && on.nth() == count) {
                scenarioNoteDone[i] = true;
                notes.add(new Narration(at.step(), at.timeMicros(), Narration.Source.SCENARIO, parties.fill(on.text(), this)));
                scenarioNoteStep = at.step();
                scenarioNoteTrigger = trigger;
            }
        }
    }

    /** Scenario notes tied to a time come at the first event at or after it. */
    private void timedNotes(TraceEvent.Step event) {
        for (int i = 0; i < scenarioNotes.size(); i++) {
            if (!scenarioNoteDone[i] && scenarioNotes.get(i) instanceof ScenarioNote.AtTime at && event.timeMicros() >= at.atMs() * 1000) {
                scenarioNoteDone[i] = true;
                notes.add(new Narration(event.step(), event.timeMicros(), Narration.Source.SCENARIO, at.text()));
            }
        }
    }

    private void generate(TraceEvent.Step at, NoteTrigger trigger, String text) {
        if (at.step() == scenarioNoteStep && trigger == scenarioNoteTrigger) {
            return; // the scenario's author already tells this moment
        }
        if (generated >= MAX_GENERATED) {
            generatedDropped++;
            return;
        }
        generated++;
        notes.add(new Narration(at.step(), at.timeMicros(), Narration.Source.GENERATED, text));
    }

    private static void truncate(List<Long> terms, long length) {
        while (terms.size() > Math.max(0, length)) {
            terms.remove(terms.size() - 1);
        }
    }

    /** Servers are n1..nN and clients c1..cK, 1-based as in scenario files. */
    String name(int process) {
        return process < 0 ? "?" : process < servers ? "n" + (process + 1) : "c" + (process - servers + 1);
    }

    /** "c5#3 put(x,5)" (the client's process id and sequence, then the command) becomes "set x=5". */
    static String shortCommand(String command) {
        if (command == null) {
            return "?";
        }
        int space = command.indexOf(' ');
        return CommandText.readable(command.startsWith("c") && command.indexOf('#') > 0 && space > 0 ? command.substring(space + 1) : command);
    }

    private static String range(long from, long to) {
        return from == to ? Long.toString(from) : from + ".." + to;
    }

    private static String reason(RaftEvent.VoteRefused.Reason reason) {
        return switch (reason) {
            case STALE_TERM -> "its term is behind";
            case ALREADY_VOTED -> "it already voted for another candidate in this term";
            case LOG_NOT_UP_TO_DATE -> "the candidate's log is not as up-to-date";
            case LEADER_ALIVE -> "it heard from a live leader recently";
        };
    }

    /** Who and what a moment involves, for the placeholders of a note's text (-1 or null: not part of this moment). */
    private record Parties(int node, int peer, long term, long index, long count, String command, String reason) {
        String fill(String text, Narrator narrator) {
            return text.replace("{node}", narrator.name(node)).replace("{peer}", narrator.name(peer))
                    .replace("{term}", term < 0 ? "?" : Long.toString(term)).replace("{index}", index < 0 ? "?" : Long.toString(index))
                    .replace("{count}", count < 0 ? "?" : Long.toString(count)).replace("{command}", command == null ? "?" : command)
                    .replace("{reason}", reason == null ? "?" : reason);
        }
    }
}
