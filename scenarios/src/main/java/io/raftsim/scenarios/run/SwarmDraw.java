package io.raftsim.scenarios.run;

import io.raftsim.harness.ReadMode;
import io.raftsim.harness.spi.Feature;
import io.raftsim.harness.spi.Implementations;
import io.raftsim.scenarios.format.FaultStep;
import io.raftsim.scenarios.format.NetworkPatch;
import io.raftsim.scenarios.format.NodeRef;
import io.raftsim.scenarios.format.NetworkSettings;
import io.raftsim.scenarios.format.RaftSettings;
import io.raftsim.scenarios.format.RandomFaults;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.sim.fault.FaultAction;
import io.raftsim.sim.random.RandomStream;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The Raft options and whole-run network settings a seed draws when its scenario's
 * {@code randomFaults} asks for them ({@code drawRaftOptions}, {@code drawNetwork}): swarm
 * testing (Groce et al., ISSTA 2012) applied beyond the fault kinds. A search that only ever
 * runs the defaults never meets a mistake that needs a non-default corner: before these draws
 * the {@code random} sweep never turned CheckQuorum on, and never delayed replies while
 * requests went on time, so a leader trusting a rejection of an earlier leadership (docs/bugs.md)
 * went unseen in 100,000 seeds.
 *
 * <p>Each part draws from its own stream derived by name from the seed ("raft-options",
 * "swarm-network", "swarm-snapshots", "swarm-membership", "swarm-joint"), a fixed number of draws whatever comes
 * out, so none shifts the fault schedule (stream "faults") or another. The shrinker writes the drawn options into the
 * scenario's {@code raft} block and the drawn network as an explicit {@code network} step at
 * time 0, and the drawn membership as {@code initialMembers} and membership steps (single-server
 * and joint), so a shrunk file replays without the draw.
 */
public record SwarmDraw(Set<SwarmOption> on, RaftSettings raft, NetworkSettings network, MembershipDraw membership, JointDraw joint) {

    /**
     * PreVote, CheckQuorum and fast backtracking are each on with this probability. Well under
     * a half on purpose: each one hides mistakes of the plain rules (PreVote and CheckQuorum
     * cut the leader changes a stale reply needs, fast backtracking skips the one-step
     * backtrack it corrupts; docs/bugs.md), so the paper's plain rules, all three off, get
     * (4/5)^3, about 51% of runs instead of 12.5%; each extension still runs in a fifth. At a
     * quarter (42% plain) the stale rejection was caught in 4 of 5 ranges of 2,000 seeds; at a
     * fifth, with late replies at a quarter, in all 5, every other bug still in all 5.
     */
    static final double EXTENSION_CHANCE = 0.2;
    /**
     * Snapshots (§7) are on with this probability, from their own stream ("swarm-snapshots"), so
     * that drawing them shifts none of the draws above. A third: often enough that a compaction
     * mistake meets the crashes and partitions that need InstallSnapshot, while two runs in three
     * keep the full log, where the other mistakes of the log were measured.
     */
    static final double SNAPSHOT_CHANCE = 1.0 / 3;
    /** When drawn, a snapshot every this many applied entries, uniform in [min, max]: small, so a 20 s run compacts many times. */
    static final int SNAPSHOT_EVERY_MIN_ENTRIES = 5;
    static final int SNAPSHOT_EVERY_MAX_ENTRIES = 40;
    /** Batching and pipelining are each on with this probability. */
    static final double FLOW_OPTION_CHANCE = 0.5;
    /**
     * Each network option is on with this probability, independently. Two thirds: the
     * stale-rejection crash needs late requests and loss together with the plain rules, and
     * at a half each the three met too rarely to find it in 2,000 seeds (docs/bugs.md). The
     * drawn network is undone for the liveness phase, so a busy one costs no false failure.
     */
    static final double NETWORK_OPTION_CHANCE = 2.0 / 3;
    /**
     * Late replies, though, only in a quarter: they mask the stale rejection (a rejection that
     * comes back late finds the leader moved on), which needs late requests with replies on
     * time. At two thirds the sweep found it in 2 of 5 ranges of 2,000 seeds, at a third in 4,
     * at a quarter (with the extensions at a fifth) in 5.
     */
    static final double LATE_REPLIES_CHANCE = 0.25;
    /** ReadIndex reads, and lease reads, are each drawn with this probability (the rest read through the log). */
    static final double READ_MODE_CHANCE = 0.2;
    /**
     * The drift bound a drawn lease needs: the random drift faults run clocks at 0.9..1.1, a ratio
     * of 1.1 / 0.9 = 1.222 between two clocks. A scenario assuming less never draws lease reads
     * (ReadIndex instead): a lease beyond its bound is a known-unsafe configuration, which a search
     * for mistakes must not report (lease-read-drift shows it on purpose).
     */
    static final long LEASE_DRIFT_BOUND_NEEDED_PPM = 222_223;
    /** Leadership transfers are drawn with this probability; then 1..4 of them, at times drawn over the run. */
    static final double TRANSFER_CHANCE = 0.25;
    /** No drawn transfer before this time: the first leader is elected by then in nearly every run. */
    static final long FIRST_TRANSFER_MS = 1_000;
    /** Pipelining, when drawn: AppendEntries in flight per follower, unless the file asks for more. */
    static final int PIPELINE_DEPTH = 4;
    /** Batching, when drawn: entries per AppendEntries, unless the file asks for more. */
    static final int BATCH_ENTRIES = 64;

    public SwarmDraw {
        on = on.isEmpty() ? EnumSet.noneOf(SwarmOption.class) : EnumSet.copyOf(on);
    }

    /** What {@code seed} draws for {@code scenario}; the scenario's own settings where it draws nothing. */
    public static SwarmDraw of(Scenario scenario, long seed) {
        RandomFaults random = scenario.randomFaults();
        EnumSet<SwarmOption> on = EnumSet.noneOf(SwarmOption.class);
        RaftSettings raft = scenario.raft();
        NetworkSettings network = scenario.network();
        MembershipDraw membership = MembershipDraw.NONE;
        JointDraw joint = JointDraw.NONE;
        if (random != null && random.drawRaftOptions()) {
            Set<Feature> features = Implementations.named(scenario.implementation().name()).features();
            raft = drawRaft(new RandomStream(seed).derive("raft-options"), raft, on, features);
            raft = drawSnapshots(new RandomStream(seed).derive("swarm-snapshots"), raft, on, features);
            raft = drawReads(new RandomStream(seed).derive("swarm-reads"), raft, on, features);
            drawTransferCoin(new RandomStream(seed).derive("swarm-transfers"), on, features);
            membership = MembershipDraw.draw(new RandomStream(seed).derive("swarm-membership"), scenario.members(), scenario.nodes(),
                    scenario.durationMs(), features.contains(Feature.MEMBERSHIP_CHANGES));
            if (membership.drawn()) {
                on.add(SwarmOption.MEMBERSHIP);
            }
            // After the single-server draw, whose changes it plans around; its own stream, so a
            // seed whose joint coin says no runs as it did before joint changes were drawn.
            joint = JointDraw.draw(new RandomStream(seed).derive("swarm-joint"), scenario.members(), scenario.nodes(),
                    scenario.durationMs(), features.contains(Feature.JOINT_CONSENSUS), membership);
            if (joint.drawn()) {
                on.add(SwarmOption.JOINT_CONSENSUS);
            }
        }
        if (random != null && random.drawNetwork()) {
            network = drawNetwork(new RandomStream(seed).derive("swarm-network"), network, on);
        }
        return new SwarmDraw(on, raft, network, membership, joint);
    }

    /**
     * The scenario as this seed runs it: the drawn Raft options written into its {@code raft}
     * block, the drawn membership (single-server and joint) into {@code initialMembers} and its steps, nothing left to draw but the faults. The drawn network is not written into the
     * {@code network} block: it is the first drawn fault instead ({@link #networkFault}), so the
     * liveness phase undoes it like any other and the shrinker may drop it.
     */
    public static Scenario withDrawnRaftOptions(Scenario scenario, long seed) {
        RandomFaults random = scenario.randomFaults();
        if (random == null || !random.drawNetwork() && !random.drawRaftOptions()) {
            return scenario;
        }
        SwarmDraw draw = of(scenario, seed);
        Scenario drawn = scenario.withRaft(draw.raft());
        if (draw.on().contains(SwarmOption.TRANSFERS)) {
            drawn = drawn.withFaults(withTransfers(scenario, new RandomStream(seed).derive("swarm-transfers")));
        }
        drawn = draw.joint().applyTo(draw.membership().applyTo(drawn));
        long stepSources = draw.on().stream()
                .filter(option -> option == SwarmOption.TRANSFERS || option == SwarmOption.MEMBERSHIP || option == SwarmOption.JOINT_CONSENSUS).count();
        if (stepSources > 1) {
            // Several draws added steps: keep the list in time order, as a scenario file would have it.
            List<FaultStep> steps = new ArrayList<>(drawn.faults());
            steps.sort(Comparator.comparingLong(FaultStep::atMicros));
            drawn = drawn.withFaults(steps);
        }
        return drawn.withRandomFaults(new RandomFaults(random.kinds(), random.meanIntervalMs(), random.meanDurationMs()));
    }

    /**
     * Two coins of their own stream ("swarm-reads", so no other draw shifts): ReadIndex, else lease
     * reads, else the log. Lease reads only where the scenario's drift bound covers the drift the
     * random faults draw; otherwise ReadIndex takes their place.
     */
    private static RaftSettings drawReads(RandomStream random, RaftSettings base, Set<SwarmOption> on, Set<Feature> features) {
        boolean readIndex = random.chance(READ_MODE_CHANCE) && features.contains(Feature.READ_INDEX);
        boolean lease = random.chance(READ_MODE_CHANCE) && features.contains(Feature.LEASE_READS);
        if (readIndex || lease && base.clockDriftBoundPpm() < LEASE_DRIFT_BOUND_NEEDED_PPM && features.contains(Feature.READ_INDEX)) {
            on.add(SwarmOption.READ_INDEX);
            return base.withReads(ReadMode.READ_INDEX, base.clockDriftBoundPpm());
        }
        if (lease && base.clockDriftBoundPpm() >= LEASE_DRIFT_BOUND_NEEDED_PPM) {
            on.add(SwarmOption.LEASE_READS);
            return base.withReads(ReadMode.LEASE, base.clockDriftBoundPpm());
        }
        return base;
    }

    /** The first draw of stream "swarm-transfers": whether this run transfers leadership at all. */
    private static void drawTransferCoin(RandomStream random, Set<SwarmOption> on, Set<Feature> features) {
        coin(random, TRANSFER_CHANCE, SwarmOption.TRANSFERS, on, features.contains(Feature.LEADERSHIP_TRANSFER));
    }

    /**
     * The scenario's steps with 1..4 transfers to the server after the leader, at times drawn
     * uniformly from [1 s, durationMs): the same stream as the coin, after it, so the coin and the
     * times always come out alike for a seed.
     */
    private static List<FaultStep> withTransfers(Scenario scenario, RandomStream random) {
        random.chance(TRANSFER_CHANCE); // the coin, drawn again so the times follow it
        List<FaultStep> steps = new ArrayList<>(scenario.faults());
        int count = 1 + random.nextInt(4);
        long endMs = scenario.durationMs();
        for (int i = 0; i < count && endMs > FIRST_TRANSFER_MS; i++) {
            long atMicros = random.nextLong(FIRST_TRANSFER_MS * 1_000, endMs * 1_000);
            steps.add(new FaultStep.TransferLeadership(atMicros, NodeRef.AFTER_LEADER));
        }
        steps.sort(Comparator.comparingLong(FaultStep::atMicros));
        return steps;
    }

    /** The drawn network as a change of every link at time 0, or null when nothing was drawn for the network. */
    public FaultAction.SetLinks networkFault(Scenario scenario) {
        return network.equals(scenario.network()) ? null : new FaultAction.SetLinks(network.toLinkConfig());
    }

    /**
     * Five coins, one per option (§9.6 PreVote and CheckQuorum of Ongaro's dissertation,
     * fast backtracking of §5.3's closing note, batching and pipelining of §10.2.1). Off means
     * the paper's plain rule: one step back per rejection, one entry per append, one append in flight.
     */
    private static RaftSettings drawRaft(RandomStream random, RaftSettings base, Set<SwarmOption> on, Set<Feature> features) {
        // Every coin is tossed whatever the implementation supports, so another implementation's
        // runs draw the same faults and network from a seed; an unsupported option stays off.
        boolean preVote = coin(random, EXTENSION_CHANCE, SwarmOption.PRE_VOTE, on, features.contains(Feature.PRE_VOTE));
        boolean checkQuorum = coin(random, EXTENSION_CHANCE, SwarmOption.CHECK_QUORUM, on, features.contains(Feature.CHECK_QUORUM));
        boolean fastBacktrack = coin(random, EXTENSION_CHANCE, SwarmOption.FAST_BACKTRACK, on, features.contains(Feature.FAST_BACKTRACK));
        boolean batching = coin(random, FLOW_OPTION_CHANCE, SwarmOption.BATCHING, on, features.contains(Feature.BATCHING));
        boolean pipelining = coin(random, FLOW_OPTION_CHANCE, SwarmOption.PIPELINING, on, features.contains(Feature.PIPELINING));
        // Batching off is one entry per append, itself a setting only an implementation with
        // BATCHING may be given (Requirements): one without it keeps the scenario's own value, or
        // the drawn scenario written out (by shrink) would be refused for a feature it lacks.
        int entriesPerAppend = batching ? Math.max(base.maxEntriesPerAppend(), BATCH_ENTRIES)
                : features.contains(Feature.BATCHING) ? 1 : base.maxEntriesPerAppend();
        int inflightAppends = pipelining ? Math.max(base.maxInflightAppends(), PIPELINE_DEPTH) : 1;
        return base.withExtensions(preVote, checkQuorum, fastBacktrack, entriesPerAppend, inflightAppends);
    }

    /** One coin and an interval, both drawn every time; a scenario that already snapshots keeps its own interval. */
    private static RaftSettings drawSnapshots(RandomStream random, RaftSettings base, Set<SwarmOption> on, Set<Feature> features) {
        boolean snapshots = coin(random, SNAPSHOT_CHANCE, SwarmOption.SNAPSHOTS, on, features.contains(Feature.SNAPSHOTS));
        int every = SNAPSHOT_EVERY_MIN_ENTRIES + random.nextInt(SNAPSHOT_EVERY_MAX_ENTRIES - SNAPSHOT_EVERY_MIN_ENTRIES + 1);
        if (!snapshots || base.snapshotEveryEntries() > 0) {
            return base;
        }
        return base.withSnapshotEveryEntries(every);
    }

    /**
     * Three coins and their values, all drawn every time: requests late, replies late (each a
     * heavy tail: 20..80% of messages delayed up to 1..4 s, many election timeouts, so
     * messages overtake each other across terms), and loss on every link (2..15%). Late replies
     * with calm requests are a reply override; late requests with calm replies too, the other way.
     */
    private static NetworkSettings drawNetwork(RandomStream random, NetworkSettings base, Set<SwarmOption> on) {
        boolean lateRequests = coin(random, NETWORK_OPTION_CHANCE, SwarmOption.LATE_REQUESTS, on);
        double requestTailRate = tailRate(random);
        double requestTailMaxMs = tailMaxMs(random);
        boolean lateReplies = coin(random, LATE_REPLIES_CHANCE, SwarmOption.LATE_REPLIES, on);
        double replyTailRate = tailRate(random);
        double replyTailMaxMs = tailMaxMs(random);
        boolean lossy = coin(random, NETWORK_OPTION_CHANCE, SwarmOption.LOSSY_LINKS, on);
        double dropRate = (2 + random.nextInt(14)) / 100.0;

        NetworkSettings drawn = base.with(new NetworkPatch(null, null, lossy ? dropRate : null, null,
                lateRequests ? requestTailRate : null, lateRequests ? requestTailMaxMs : null, null));
        NetworkPatch replies = base.replies();
        if (lateReplies) {
            replies = tail(replies, replyTailRate, replyTailMaxMs);
        } else if (lateRequests) {
            replies = tail(replies, base.tailRate(), base.tailMaxMs());
        }
        return drawn.withReplies(replies);
    }

    private static NetworkPatch tail(NetworkPatch patch, double rate, double maxMs) {
        return new NetworkPatch(patch.latencyMinMs(), patch.latencyMaxMs(), patch.dropRate(), patch.duplicateRate(), rate, maxMs, null);
    }

    private static double tailRate(RandomStream random) {
        return (20 + random.nextInt(61)) / 100.0;
    }

    private static double tailMaxMs(RandomStream random) {
        return 1_000 + random.nextInt(3_001);
    }

    private static boolean coin(RandomStream random, double chance, SwarmOption option, Set<SwarmOption> on) {
        return coin(random, chance, option, on, true);
    }

    private static boolean coin(RandomStream random, double chance, SwarmOption option, Set<SwarmOption> on, boolean supported) {
        boolean heads = random.chance(chance) && supported;
        if (heads) {
            on.add(option);
        }
        return heads;
    }
}
