package io.raftsim.harness.check;

import io.raftsim.harness.cluster.ServerListener;
import io.raftsim.harness.spi.MessageView;
import io.raftsim.harness.spi.ServerProbe;
import io.raftsim.harness.wire.Packet;
import io.raftsim.harness.spi.Role;
import io.raftsim.sim.engine.Engine;
import io.raftsim.sim.engine.Observer;
import io.raftsim.sim.engine.SimulationView;
import io.raftsim.sim.engine.Violation;
import io.raftsim.sim.network.LinkConfig;
import io.raftsim.sim.network.Network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Checks that Raft is not slow for no reason ("slow is a bug too"): the liveness phase only
 * asks whether anything commits after healing, so mistakes that cost extra elections pass it.
 * Three checks, each bound derived from the timing settings in {@link EfficiencyBounds}:
 * <ul>
 *   <li>Wasted elections (Election Efficiency), everywhere: a server whose election timer
 *   fires less than the minimum election timeout after it heard the leader of its term or
 *   granted a vote started an election the rules forbid (Figure 2, Rules for Servers:
 *   followers restart the timer on both; §5.2: a candidate hearing the leader of its term
 *   becomes its follower). This is a statement about one server's own timer, so faults
 *   elsewhere cannot make a correct server fail it; clock drift can, so a server whose clock
 *   ran at another rate since is not judged.</li>
 *   <li>Leader recovery (Election Efficiency), in quiet windows only: a quiet majority without
 *   an established leader must get one within {@link EfficiencyBounds#leaderRecoveryBoundMicros}.</li>
 *   <li>Messages per committed entry (Message Efficiency), in quiet windows only: the RPCs
 *   delivered while one leader is established stay within {@link EfficiencyBounds#messageBoundForInterval}.</li>
 * </ul>
 * A window is quiet while the fault state does not change and a majority of servers is up,
 * unpaused, on undrifted clocks and joined by uncut links with the scenario's own settings,
 * and every other server is down, paused or cut off from that majority. It counts only from
 * {@code settle} after it began: the longest delay any link had so far in the run, so that no
 * message sent under earlier faults is still in the air.
 *
 * <p>Failures do not stop the run: {@code Cluster} reports the first one as a liveness failure
 * when nothing more severe (safety, linearizability, liveness) happened.
 */
public final class EfficiencyMonitor implements ServerListener, Observer<Packet> {
    private static final long NO_RESET = Long.MIN_VALUE;

    /** Why a server's election timer was last restarted, for the failure message. */
    private enum ResetCause { LEADER_HEARD, VOTE_GRANTED, OWN_CANDIDACY }

    private final int servers;
    private final int majority;
    private final boolean preVote;
    private final LinkConfig baseLinks;
    private final EfficiencyBounds bounds;
    private Engine<Packet> engine;
    private IntFunction<ServerProbe> probes;
    /** Each server's probe as it last started, so the per-step scans read an array, not the engine. */
    private final ServerProbe[] latest;

    // Per server: the last timer restart the rules require, and what the server looked like after its last input.
    private final long[] lastResetMicros;
    private final ResetCause[] lastResetCause;
    private final long[] lastResetTerm;
    private final int[] lastResetPeer;
    private final Role[] lastRole;
    private final long[] lastTerm;
    private final int[] lastVote;
    private final int[] lastLeader;
    /**
     * {@link #establishedLeader()} as last computed, and whether an input since may have changed
     * it: it reads only the role, term and leader of each server, and those change only in a
     * step the server handles (or a start, or a new quiet window), so most steps, which change
     * none of them, reuse it instead of reading every probe again.
     */
    private int establishedLeaderSeen = -1;
    private boolean establishedLeaderStale = true;
    private final boolean[] receivedThisStep;
    private final long[] termsStarted;
    /** Candidacies and pre-candidacies; a pre-candidate's handled input without a message is counted too (over-counting only loosens the bound). */
    private final long[] rounds;
    private final boolean[] driftActive;
    private final long[] driftEndedMicros;
    private boolean serverStep;
    /** Rounds and terms the quiet majority started in the current step: an episode that begins in this step counts them. */
    private long stepRounds;
    private long stepTerms;
    private long deliveredRpcs;
    private long candidaciesJudged;

    // The fault state last seen, compared by reference and flag, and the quiet window it makes.
    private final boolean[] seenUp;
    private final boolean[] seenPaused;
    private final double[] seenDrift;
    private final LinkConfig[] seenLinks;
    private final boolean[] seenCut;
    private boolean faultStateKnown;
    /** {@link Engine#faultStateChanges()} when the fault state was last read: unchanged, a scan would find nothing new. */
    private long scannedFaultChanges;
    private long maxDelaySeenMicros;
    private boolean quiet;
    private int quietMask;
    private long windowStartMicros;
    private long activeFromMicros;
    private boolean windowFresh;
    private long roundsAtWindowStart;
    private long termsAtWindowStart;
    private long settleMicros;

    // Within an active quiet window: a leader change being timed, or a leader's interval being counted.
    private boolean established;
    private long lostAtMicros = -1;
    private long roundsAtLost;
    private long termsAtLost;
    private int intervalLeader = -1;
    private long intervalStartMicros;
    private long deliveredAtStart;
    private long commitAtStart;
    private long lastIndexAtStart;
    private long catchUpIndexes;
    private long intervalCommit;
    private long intervalLastIndex;
    private long intervalDelivered;
    private long intervalEndMicros;

    private final List<Long> leaderRecoveryMicros = new ArrayList<>();
    private final List<Long> electionsPerLeaderChange = new ArrayList<>();
    private final List<Long> messagesPerEntryTenths = new ArrayList<>();

    private EfficiencyProperty failedProperty;
    private String failure;

    public EfficiencyMonitor(int servers, EfficiencyBounds bounds, boolean preVote, LinkConfig baseLinks) {
        this.servers = servers;
        this.latest = new ServerProbe[servers];
        this.majority = servers / 2 + 1;
        this.bounds = bounds;
        this.preVote = preVote;
        this.baseLinks = baseLinks;
        this.lastResetMicros = new long[servers];
        this.lastResetCause = new ResetCause[servers];
        this.lastResetTerm = new long[servers];
        this.lastResetPeer = new int[servers];
        this.lastRole = new Role[servers];
        this.lastTerm = new long[servers];
        this.lastLeader = new int[servers];
        this.lastVote = new int[servers];
        this.receivedThisStep = new boolean[servers];
        this.termsStarted = new long[servers];
        this.rounds = new long[servers];
        this.driftActive = new boolean[servers];
        this.driftEndedMicros = new long[servers];
        this.seenUp = new boolean[servers];
        this.seenPaused = new boolean[servers];
        this.seenDrift = new double[servers];
        this.seenLinks = new LinkConfig[servers * servers];
        this.seenCut = new boolean[servers * servers];
        Arrays.fill(lastResetMicros, NO_RESET);
        Arrays.fill(lastRole, Role.FOLLOWER);
        Arrays.fill(driftEndedMicros, Long.MIN_VALUE);
    }

    /** The engine the servers run in (its clock and fault state), and each live server's probe (null while it is down). */
    public void attach(Engine<Packet> simulation, IntFunction<ServerProbe> serverProbes) {
        this.engine = simulation;
        this.probes = serverProbes;
    }

    // ---- reports from servers: the wasted-election rule --------------------------------

    @Override
    public void started(int id, ServerProbe node) {
        latest[id] = node;
        serverStep = true;
        // A restart is a fault step in which a server runs: the fault state must be scanned after it all the same.
        faultStateKnown = false;
        // A new incarnation: its first timeout may be a scenario's staged one, so nothing is known of its timer yet.
        lastResetMicros[id] = NO_RESET;
        lastRole[id] = node.role();
        lastTerm[id] = node.currentTerm();
        lastVote[id] = node.votedFor();
        lastLeader[id] = node.leaderId();
        establishedLeaderStale = true; // another probe, maybe another state
        receivedThisStep[id] = true; // the start is no timer
    }

    @Override
    public void received(int id, int from, MessageView.Kind kind, long messageTerm, ServerProbe node) {
        if (!kind.isServerRpc()) {
            return;
        }
        serverStep = true;
        receivedThisStep[id] = true;
        if (kind != MessageView.Kind.OTHER) {
            // The bound counts Figure 2's RPCs, what replication and elections cost; a round that
            // confirms leadership for reads (§6.4) or a transfer's nudge is paid by reads and
            // transfers, which the bound does not model.
            deliveredRpcs++;
        }
        long term = node.currentTerm();
        if (kind == MessageView.Kind.APPEND_REQUEST && messageTerm == term && node.role() != Role.LEADER) {
            // Only the leader of a term sends AppendEntries in it; hearing it restarts the timer (Figure 2, Followers).
            restarted(id, ResetCause.LEADER_HEARD, term, from);
        } else if (kind == MessageView.Kind.VOTE_REQUEST && messageTerm == term
                && node.votedFor() == from && !(lastTerm[id] == term && lastVote[id] == from)) {
            // A vote newly granted restarts the timer (Figure 2, Followers). A repeated grant may restart it
            // again; not knowing whether the log check passed, the check keeps the earlier restart, which is only looser.
            restarted(id, ResetCause.VOTE_GRANTED, term, from);
        }
    }

    @Override
    public void handled(int id, ServerProbe node) {
        serverStep = true;
        boolean timerDriven = !receivedThisStep[id];
        receivedThisStep[id] = false;
        Role role = node.role();
        long term = node.currentTerm();
        Role previous = lastRole[id];
        boolean termStarted = term > lastTerm[id] && (role == Role.CANDIDATE || role == Role.LEADER && previous != Role.LEADER);
        boolean preCandidacy = role == Role.PRE_CANDIDATE && previous != Role.PRE_CANDIDATE;
        boolean quietMember = (quietMask & (1 << id)) != 0;
        if (termStarted) {
            termsStarted[id]++;
            stepTerms += quietMember ? 1 : 0;
        }
        if (termStarted || preCandidacy || role == Role.PRE_CANDIDATE && timerDriven) {
            rounds[id]++;
            stepRounds += quietMember ? 1 : 0;
        }
        // Only an election the timer started is judged: without PreVote every new term, with it every pre-candidacy.
        boolean timerElection = timerDriven && previous != Role.LEADER && previous != Role.PRE_CANDIDATE
                && (preVote ? preCandidacy : termStarted);
        if (timerElection) {
            candidaciesJudged++;
            judgeElection(id, term);
        }
        if (termStarted || preCandidacy) {
            restarted(id, ResetCause.OWN_CANDIDACY, term, id);
        }
        int leader = node.leaderId();
        if (role != previous || term != lastTerm[id] || leader != lastLeader[id]) {
            establishedLeaderStale = true;
        }
        lastRole[id] = role;
        lastTerm[id] = term;
        lastVote[id] = node.votedFor();
        lastLeader[id] = leader;
    }

    private void restarted(int id, ResetCause cause, long term, int peer) {
        lastResetMicros[id] = engine.nowMicros();
        lastResetCause[id] = cause;
        lastResetTerm[id] = term;
        lastResetPeer[id] = peer;
    }

    private void judgeElection(int id, long term) {
        long reset = lastResetMicros[id];
        if (reset == NO_RESET || driftActive[id] || driftEndedMicros[id] >= reset) {
            return;
        }
        long gap = engine.nowMicros() - reset;
        if (gap < bounds.electionTimeoutMinMicros()) {
            String what = switch (lastResetCause[id]) {
                case LEADER_HEARD -> "hearing AppendEntries from n" + (lastResetPeer[id] + 1) + ", the leader of term " + lastResetTerm[id];
                case VOTE_GRANTED -> "granting its vote to n" + (lastResetPeer[id] + 1) + " in term " + lastResetTerm[id];
                case OWN_CANDIDACY -> "starting its own election in term " + lastResetTerm[id];
            };
            fail(EfficiencyProperty.ELECTION_EFFICIENCY, String.format(java.util.Locale.ROOT, "n%d started an election (%s, term %d) at %s, %s after %s; "
                            + "an election timeout is at least %s, so the rules (Figure 2, Rules for Servers; §5.2) forbid it: a wasted election",
                    id + 1, preVote ? "pre-vote" : "candidate", preVote ? term + 1 : term, ms(engine.nowMicros()), ms(gap), what,
                    ms(bounds.electionTimeoutMinMicros())));
        }
    }

    // ---- after every step: quiet windows ----------------------------------------------

    @Override
    public Violation afterStep(SimulationView<Packet> view) {
        // Faults change only in control steps, where no server handles an input, except a restart (see
        // started), and only when the engine's count of fault changes moved: reading every link and
        // node after every client step found nothing new and cost about 2.5% of a run.
        if (!faultStateKnown || (!serverStep && engine.faultStateChanges() != scannedFaultChanges)) {
            scanFaultState();
        }
        serverStep = false;
        if (quiet && engine.nowMicros() >= activeFromMicros) {
            judgeQuietWindow();
        }
        stepRounds = 0;
        stepTerms = 0;
        return null;
    }

    private void scanFaultState() {
        scannedFaultChanges = engine.faultStateChanges();
        Network network = engine.network();
        boolean changed = !faultStateKnown;
        long now = engine.nowMicros();
        for (int i = 0; i < servers; i++) {
            boolean up = engine.isUp(i);
            boolean paused = engine.isPaused(i);
            double drift = engine.driftRate(i);
            if (up != seenUp[i] || paused != seenPaused[i] || drift != seenDrift[i]) {
                changed = true;
                seenUp[i] = up;
                seenPaused[i] = paused;
                seenDrift[i] = drift;
            }
            if (drift != 1.0) {
                driftActive[i] = true;
            } else if (driftActive[i]) {
                driftActive[i] = false;
                driftEndedMicros[i] = now;
            }
            for (int j = 0; j < servers; j++) {
                int link = i * servers + j;
                LinkConfig config = network.link(i, j);
                boolean cut = network.isCut(i, j);
                if (config != seenLinks[link] || cut != seenCut[link]) {
                    changed = true;
                    seenLinks[link] = config;
                    seenCut[link] = cut;
                    maxDelaySeenMicros = Math.max(maxDelaySeenMicros,
                            config.tailProbability() > 0 ? config.tailMaxMicros() : config.latencyMaxMicros());
                }
            }
        }
        faultStateKnown = true;
        if (changed) {
            startWindow(now);
        }
    }

    private void startWindow(long now) {
        closeInterval();
        lostAtMicros = -1;
        established = false;
        quietMask = bounds.quietWindowsApply() ? quietMajority() : 0;
        establishedLeaderStale = true;
        quiet = quietMask != 0;
        windowStartMicros = now;
        settleMicros = maxDelaySeenMicros + 1;
        activeFromMicros = now + settleMicros;
        windowFresh = true;
        // Rounds from the window's start on count towards its first episode, even those before it is active.
        roundsAtWindowStart = quietSum(rounds);
        termsAtWindowStart = quietSum(termsStarted);
    }

    /** The servers of a quiet majority as a bit mask, or 0 when the fault state is not quiet. */
    private int quietMajority() {
        Network network = engine.network();
        int healthy = 0;
        for (int i = 0; i < servers; i++) {
            if (seenUp[i] && !seenPaused[i] && seenDrift[i] == 1.0) {
                healthy |= 1 << i;
            }
        }
        for (int start = 0; start < servers; start++) {
            if ((healthy & (1 << start)) == 0) {
                continue;
            }
            int component = 1 << start;
            boolean grew = true;
            while (grew) {
                grew = false;
                for (int i = 0; i < servers; i++) {
                    if ((component & (1 << i)) == 0) {
                        continue;
                    }
                    for (int j = 0; j < servers; j++) {
                        if ((healthy & (1 << j)) != 0 && (component & (1 << j)) == 0 && cleanLink(network, i, j) && cleanLink(network, j, i)) {
                            component |= 1 << j;
                            grew = true;
                        }
                    }
                }
            }
            if (Integer.bitCount(component) >= majority) {
                return othersSilent(network, component) ? component : 0;
            }
        }
        return 0;
    }

    private boolean cleanLink(Network network, int from, int to) {
        LinkConfig config = network.link(from, to);
        return !network.isCut(from, to) && (config == baseLinks || config.equals(baseLinks));
    }

    /** Every server outside the majority is down, paused, or cut off from every member of it. */
    private boolean othersSilent(Network network, int component) {
        for (int i = 0; i < servers; i++) {
            if ((component & (1 << i)) != 0 || !seenUp[i] || seenPaused[i]) {
                continue;
            }
            for (int j = 0; j < servers; j++) {
                if ((component & (1 << j)) != 0 && !network.isCut(i, j)) {
                    return false;
                }
            }
        }
        return true;
    }

    private void judgeQuietWindow() {
        long now = engine.nowMicros();
        int leader = establishedLeader();
        boolean nowEstablished = leader >= 0;
        if (windowFresh) {
            windowFresh = false;
            established = nowEstablished;
            if (nowEstablished) {
                startInterval(leader, now);
            } else {
                lostAtMicros = windowStartMicros;
                roundsAtLost = roundsAtWindowStart;
                termsAtLost = termsAtWindowStart;
            }
            return;
        }
        if (established && !nowEstablished) {
            closeInterval();
            startEpisode(now);
        } else if (!established && nowEstablished) {
            closeEpisode(now);
            startInterval(leader, now);
        } else if (nowEstablished) {
            ServerProbe node = node(leader);
            intervalCommit = node.commitIndex();
            intervalLastIndex = node.lastLogIndex();
            intervalDelivered = deliveredRpcs;
            intervalEndMicros = now;
        } else if (lostAtMicros >= 0) {
            long roundsSince = quietSum(rounds) - roundsAtLost;
            long bound = bounds.leaderRecoveryBoundMicros(settleMicros, roundsSince);
            if (now - lostAtMicros > bound) {
                fail(EfficiencyProperty.ELECTION_EFFICIENCY, String.format(java.util.Locale.ROOT, "a quiet majority %s had no leader it all follows for %s (from %s to %s) "
                                + "after %d election rounds; the bound is settle %s + heartbeat %s + (rounds + 1) x (election timeout max %s + 3 x latency max %s) = %s",
                        members(quietMask), ms(now - lostAtMicros), ms(lostAtMicros), ms(now), roundsSince, ms(settleMicros),
                        ms(bounds.heartbeatIntervalMicros()), ms(bounds.electionTimeoutMaxMicros()), ms(bounds.latencyMaxMicros()), ms(bound)));
                lostAtMicros = -1; // judged once
            }
        }
        established = nowEstablished;
    }

    /** The member of the quiet majority that leads and that every member follows in its term, or -1. */
    private int establishedLeader() {
        if (!establishedLeaderStale) {
            return establishedLeaderSeen;
        }
        establishedLeaderSeen = computeEstablishedLeader();
        establishedLeaderStale = false;
        return establishedLeaderSeen;
    }

    private int computeEstablishedLeader() {
        int leader = -1;
        for (int i = 0; i < servers; i++) {
            if ((quietMask & (1 << i)) != 0 && node(i).role() == Role.LEADER) {
                if (leader >= 0) {
                    return -1;
                }
                leader = i;
            }
        }
        if (leader < 0) {
            return -1;
        }
        long term = node(leader).currentTerm();
        for (int i = 0; i < servers; i++) {
            if ((quietMask & (1 << i)) != 0 && i != leader) {
                ServerProbe follower = node(i);
                if (follower.currentTerm() != term || follower.role() != Role.FOLLOWER || follower.leaderId() != leader) {
                    return -1;
                }
            }
        }
        return leader;
    }

    /** A leader change starts in this step: what the quiet majority started in this step already belongs to it. */
    private void startEpisode(long fromMicros) {
        lostAtMicros = fromMicros;
        roundsAtLost = quietSum(rounds) - stepRounds;
        termsAtLost = quietSum(termsStarted) - stepTerms;
    }

    private void closeEpisode(long now) {
        if (lostAtMicros < 0) {
            return;
        }
        long terms = quietSum(termsStarted) - termsAtLost;
        if (terms > 0) {
            leaderRecoveryMicros.add(now - lostAtMicros);
            electionsPerLeaderChange.add(terms);
        }
        lostAtMicros = -1;
    }

    private void startInterval(int leader, long now) {
        ServerProbe node = node(leader);
        intervalLeader = leader;
        intervalStartMicros = now;
        deliveredAtStart = deliveredRpcs;
        commitAtStart = node.commitIndex();
        lastIndexAtStart = node.lastLogIndex();
        intervalCommit = commitAtStart;
        intervalLastIndex = lastIndexAtStart;
        intervalDelivered = deliveredRpcs;
        intervalEndMicros = now;
        long catchUp = 0;
        for (int i = 0; i < servers; i++) {
            ServerProbe server = i == leader ? null : probes.apply(i);
            if (server != null) {
                catchUp += Math.max(0, lastIndexAtStart - server.commitIndex()) + 1;
            }
        }
        catchUpIndexes = catchUp;
    }

    /** Judges the interval of the established leader, with what was last seen while it was quiet. */
    private void closeInterval() {
        if (intervalLeader < 0) {
            return;
        }
        intervalLeader = -1;
        long committed = intervalCommit - commitAtStart;
        long delivered = intervalDelivered - deliveredAtStart;
        long heartbeats = (intervalEndMicros - intervalStartMicros) / bounds.heartbeatIntervalMicros() + 1;
        long appended = intervalLastIndex - lastIndexAtStart;
        long bound = bounds.messageBoundForInterval(appended, heartbeats, catchUpIndexes);
        if (committed >= heartbeats) {
            // Under load (at least an entry per heartbeat): the steady cost of an entry, heartbeats amortised.
            messagesPerEntryTenths.add(delivered * 10 / committed);
        }
        if (delivered > bound) {
            fail(EfficiencyProperty.MESSAGE_EFFICIENCY, String.format(java.util.Locale.ROOT, "%d RPCs delivered from %s to %s while one leader led a quiet majority %s, "
                            + "for %d entries appended (%d committed) over %d heartbeat periods; the bound is 2 x %d peers x (entries x %d + heartbeats + in flight %d + 3) "
                            + "+ %d x %d indexes to catch up = %d",
                    delivered, ms(intervalStartMicros), ms(intervalEndMicros), members(quietMask), appended, committed, heartbeats,
                    bounds.clusterSize() - 1, bounds.maxInflightAppends(), bounds.maxInflightAppends(), 2 + 2 * bounds.maxInflightAppends(),
                    catchUpIndexes, bound));
        }
    }

    /** Ends the run's last interval, so a run that ends with one stable leader is judged too. */
    public void finish() {
        closeInterval();
    }

    private long quietSum(long[] perServer) {
        long sum = 0;
        for (int i = 0; i < servers; i++) {
            if ((quietMask & (1 << i)) != 0) {
                sum += perServer[i];
            }
        }
        return sum;
    }

    /** The probe of server {@code id}'s latest incarnation: only asked of quiet members, which are up. */
    private ServerProbe node(int id) {
        return latest[id];
    }

    private void fail(EfficiencyProperty property, String message) {
        if (failedProperty == null) {
            failedProperty = property;
            failure = message;
        }
    }

    private static String members(int mask) {
        StringBuilder names = new StringBuilder("{");
        for (int i = 0; i < 32; i++) {
            if ((mask & (1 << i)) != 0) {
                names.append(names.length() > 1 ? ", " : "").append('n').append(i + 1);
            }
        }
        return names.append('}').toString();
    }

    private static String ms(long micros) {
        return micros % 1000 == 0 ? micros / 1000 + " ms" : String.format(java.util.Locale.ROOT, "%.3f ms", micros / 1000.0);
    }

    // ---- results ----------------------------------------------------------------------

    /** The first bound missed, or null. */
    public EfficiencyProperty failedProperty() {
        return failedProperty;
    }

    /** What exactly missed its bound, or null. */
    public String failure() {
        return failure;
    }

    public EfficiencyStats stats() {
        return new EfficiencyStats(leaderRecoveryMicros, electionsPerLeaderChange, messagesPerEntryTenths, candidaciesJudged);
    }
}
