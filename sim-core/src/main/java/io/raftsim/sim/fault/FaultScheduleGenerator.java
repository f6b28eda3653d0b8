package io.raftsim.sim.fault;

import io.raftsim.sim.network.LinkConfig;
import io.raftsim.sim.random.RandomStream;

import java.util.ArrayList;
import java.util.List;

/**
 * Draws a random fault schedule from a seed. Every fault it injects is undone after a
 * random duration (a crash by a restart, a partition by a heal, a pause by a resume), so
 * that the system is exercised in and out of trouble; faults may overlap. It only injects
 * faults Raft is meant to survive: links may lose, duplicate and delay, nodes may crash,
 * pause and drift, but durable storage is never corrupted.
 */
public final class FaultScheduleGenerator {
    private FaultScheduleGenerator() {
    }

    /**
     * @param nodeCount the nodes faults may target (ids 0..nodeCount-1); other processes
     *                  (clients) are never crashed or partitioned away on purpose
     * @param baseLinks link settings to return to after a network fault
     */
    public static FaultSchedule generate(RandomStream random, FaultProfile profile, int nodeCount,
                                         long startMicros, long endMicros, LinkConfig baseLinks) {
        List<FaultKind> kinds = List.copyOf(profile.enabled());
        List<TimedFault> faults = new ArrayList<>();
        if (kinds.isEmpty() || nodeCount <= 0) {
            return new FaultSchedule(faults);
        }
        long atMicros = startMicros;
        while (true) {
            atMicros += jitter(random, profile.meanIntervalMicros());
            if (atMicros >= endMicros) {
                break;
            }
            long untilMicros = Math.min(endMicros, atMicros + jitter(random, profile.meanFaultDurationMicros()));
            FaultKind kind = kinds.get(random.nextInt(kinds.size()));
            addFault(faults, random, kind, nodeCount, atMicros, untilMicros, baseLinks);
        }
        return new FaultSchedule(faults);
    }

    private static void addFault(List<TimedFault> faults, RandomStream random, FaultKind kind, int nodeCount,
                                 long atMicros, long untilMicros, LinkConfig baseLinks) {
        int node = random.nextInt(nodeCount);
        switch (kind) {
            case CRASH -> {
                faults.add(new TimedFault(atMicros, new FaultAction.Crash(node)));
                faults.add(new TimedFault(untilMicros, new FaultAction.Restart(node)));
            }
            case PARTITION -> {
                faults.add(new TimedFault(atMicros, new FaultAction.Partition(randomSplit(random, nodeCount))));
                faults.add(new TimedFault(untilMicros, new FaultAction.Heal()));
            }
            case ISOLATE -> {
                faults.add(new TimedFault(atMicros, new FaultAction.Isolate(node)));
                faults.add(new TimedFault(untilMicros, new FaultAction.Heal()));
            }
            case ONE_WAY_CUT -> {
                int other = (node + 1 + random.nextInt(Math.max(1, nodeCount - 1))) % nodeCount;
                if (other != node) {
                    faults.add(new TimedFault(atMicros, new FaultAction.Cut(node, other)));
                    faults.add(new TimedFault(untilMicros, new FaultAction.Heal()));
                }
            }
            case PAUSE -> {
                faults.add(new TimedFault(atMicros, new FaultAction.Pause(node)));
                faults.add(new TimedFault(untilMicros, new FaultAction.Resume(node)));
            }
            case DRIFT -> {
                double rate = 0.9 + random.nextInt(21) / 100.0;
                faults.add(new TimedFault(atMicros, new FaultAction.Drift(node, rate)));
                faults.add(new TimedFault(untilMicros, new FaultAction.Drift(node, 1.0)));
            }
            case LOSSY_NETWORK -> networkFault(faults, atMicros, untilMicros, baseLinks,
                    baseLinks.withDropRate(0.05 + random.nextInt(26) / 100.0));
            case DUPLICATING_NETWORK -> networkFault(faults, atMicros, untilMicros, baseLinks,
                    baseLinks.withDuplicateRate(0.05 + random.nextInt(26) / 100.0));
            case SLOW_NETWORK -> networkFault(faults, atMicros, untilMicros, baseLinks,
                    baseLinks.withTail(0.05 + random.nextInt(26) / 100.0, baseLinks.latencyMaxMicros() + random.nextLong(50_000, 500_000)));
        }
    }

    private static void networkFault(List<TimedFault> faults, long atMicros, long untilMicros, LinkConfig base, LinkConfig faulty) {
        faults.add(new TimedFault(atMicros, new FaultAction.SetLinks(faulty)));
        faults.add(new TimedFault(untilMicros, new FaultAction.SetLinks(base)));
    }

    /** Two non-empty groups, each node in one of them. */
    private static List<List<Integer>> randomSplit(RandomStream random, int nodeCount) {
        List<Integer> left = new ArrayList<>();
        List<Integer> right = new ArrayList<>();
        for (int node = 0; node < nodeCount; node++) {
            (random.chance(0.5) ? left : right).add(node);
        }
        if (left.isEmpty()) {
            left.add(right.remove(right.size() - 1));
        } else if (right.isEmpty()) {
            right.add(left.remove(left.size() - 1));
        }
        return List.of(left, right);
    }

    /** Uniform in [mean/2, 3*mean/2]: enough spread without an exponential's long tail. */
    private static long jitter(RandomStream random, long meanMicros) {
        return random.nextLong(Math.max(1, meanMicros / 2), meanMicros + meanMicros / 2 + 1);
    }
}
