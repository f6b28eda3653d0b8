package io.raftsim.harness.linearizability;

import io.raftsim.harness.kv.Append;
import io.raftsim.harness.kv.Cas;
import io.raftsim.harness.kv.Get;
import io.raftsim.harness.kv.KvCommand;
import io.raftsim.harness.kv.KvResult;
import io.raftsim.harness.kv.KvStore;
import io.raftsim.harness.kv.Put;
import io.raftsim.sim.random.RandomStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Histories produced by a real sequential execution, with each operation taking effect at
 * a random instant inside its [invoke, complete] interval, are always linearizable; lying
 * about one read makes them not.
 */
class LinearizabilityProperties {

    private static List<Operation> generate(long seed) {
        RandomStream random = new RandomStream(seed);
        int count = 5 + random.nextInt(60);
        // Distinct effect instants, then intervals around them that may overlap others.
        List<long[]> timing = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long effect = 1_000L * i + random.nextLong(1, 999);
            timing.add(new long[] {effect - random.nextLong(0, 3_000), effect, effect + random.nextLong(0, 3_000)});
        }
        KvStore store = new KvStore();
        List<Operation> operations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = "k" + random.nextInt(2);
            KvCommand command = switch (random.nextInt(4)) {
                case 0 -> new Put(key, "v" + i);
                case 1 -> new Get(key);
                case 2 -> new Append(key, "a" + i);
                default -> new Cas(key, random.chance(0.5) ? null : "v" + random.nextInt(count), "c" + i);
            };
            KvResult result = store.apply(command);
            long[] t = timing.get(i);
            operations.add(new Operation(i, i % 4, command, t[0], t[2], result));
        }
        operations.sort(Comparator.comparingLong(Operation::invokeMicros));
        return operations;
    }

    @Property(tries = 300)
    void historiesOfARealExecutionAreLinearizable(@ForAll long seed) {
        List<Operation> history = generate(seed);
        CheckResult result = LinearizabilityChecker.check(history, 5_000_000);
        assertTrue(result.linearizable(), result.describe());
    }

    @Property(tries = 300)
    void aReadOfAValueNeverWrittenMakesThemNot(@ForAll long seed) {
        List<Operation> history = new ArrayList<>(generate(seed));
        int read = -1;
        for (int i = 0; i < history.size(); i++) {
            if (history.get(i).command() instanceof Get) {
                read = i;
            }
        }
        if (read < 0) {
            return;
        }
        Operation honest = history.get(read);
        history.set(read, new Operation(honest.id(), honest.client(), honest.command(), honest.invokeMicros(), honest.completeMicros(),
                KvResult.read("never-written")));
        assertEquals(CheckResult.Status.NOT_LINEARIZABLE, LinearizabilityChecker.check(history, 5_000_000).status());
    }
}
