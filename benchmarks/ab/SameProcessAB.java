import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * CPU per step of two raftsim builds, measured in one JVM: each jar in a class loader of its own,
 * each running two of the bench's short-log clusters (5 nodes, ~200 ops/s, every check on, seed 42,
 * 1,000 preloaded entries), in alternating slices of the same number of steps. What this thread
 * spends per step is read from its CPU clock, so the machine's swings (load, frequency, a
 * neighbour's cache) fall on both builds alike; run one build after the other in two processes
 * and the same jar's figure moved by up to 40% on this project's VM, more than the effects worth
 * measuring. Reflection only, so builds from before and after the harness moved packages
 * (io.raftsim.raft.cluster until cf6440a, io.raftsim.harness.cluster since) both load.
 *
 * <p>Usage: {@code java -XX:+UseParallelGC -Xms6g -Xmx6g SameProcessAB.java JAR_A JAR_B [rounds] [stepsPerSlice]}
 * (see {@code compare.sh}). Prints the median CPU per step of each and the median of the
 * per-round ratios B/A, and whether both reached the same virtual time after the same steps
 * (they do when both builds run the same simulation, as the seam was built to keep them).
 * A measuring tool, not part of the product: no test runs it.
 */
public final class SameProcessAB {
    private static final int WORKLOAD_CLIENTS = 10;
    private static final long CHUNK_STEPS = 100_000;

    /** One build's cluster, driven through its engine by reflection. */
    private static final class Build {
        final String name;
        final ClassLoader loader;
        final Object engine;
        final Method step;
        final Method nowMicros;
        final Method runUntil;

        Build(String name, Path jar) throws Exception {
            this.name = name;
            loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Thread.currentThread().setContextClassLoader(loader); // implementations are found with ServiceLoader
            String cluster = firstPresent("Cluster", "io.raftsim.harness.cluster", "io.raftsim.raft.cluster");
            String client = firstPresent("Workload", "io.raftsim.harness.client", "io.raftsim.raft.client");
            Class<?> specClass = loader.loadClass(cluster + ".ClusterSpec");
            Class<?> workloadClass = loader.loadClass(client + ".Workload");
            Object workload = workloadClass.getConstructor(int.class, double.class, int.class, long.class, long.class)
                    .newInstance(WORKLOAD_CLIENTS, 20.0, 16, 400_000L, 20_000L);
            Object spec = specClass.getMethod("defaults", int.class).invoke(null, 5);
            spec = specClass.getMethod("withWorkload", workloadClass).invoke(spec, workload);
            spec = specClass.getMethod("withMaxHistoryOperations", int.class).invoke(spec, 0);
            Class<?> sinkClass = loader.loadClass("io.raftsim.sim.trace.TraceSink");
            Object noTrace = sinkClass.getField("NONE").get(null);
            Class<?> clusterClass = loader.loadClass(cluster + ".Cluster");
            Object built = clusterClass.getConstructor(specClass, long.class, sinkClass).newInstance(spec, 42L, noTrace);
            clusterClass.getMethod("preloadLog", int.class).invoke(built, 1_000);
            Class<?> faultsClass = loader.loadClass("io.raftsim.sim.fault.FaultSchedule");
            clusterClass.getMethod("run", long.class, faultsClass, boolean.class)
                    .invoke(built, 5_000_000L, faultsClass.getField("EMPTY").get(null), false);
            engine = clusterClass.getMethod("engine").invoke(built);
            Class<?> engineClass = loader.loadClass("io.raftsim.sim.engine.Engine");
            step = engineClass.getMethod("step");
            nowMicros = engineClass.getMethod("nowMicros");
            runUntil = engineClass.getMethod("runUntil", long.class, BooleanSupplier.class);
        }

        /** The first of {@code packages} that holds class {@code simpleName} in this build. */
        private String firstPresent(String simpleName, String... packages) {
            for (String candidate : packages) {
                if (loader.getResource(candidate.replace('.', '/') + "/" + simpleName + ".class") != null) {
                    return candidate;
                }
            }
            throw new IllegalArgumentException(name + ": no " + simpleName + " class in " + String.join(" or ", packages));
        }

        long step() throws Exception {
            return (long) step.invoke(engine);
        }

        long nowMicros() throws Exception {
            return (long) nowMicros.invoke(engine);
        }

        /** Runs exactly {@code steps} more steps, in chunks, as the bench does. */
        void run(long steps) throws Exception {
            Thread.currentThread().setContextClassLoader(loader);
            long target = step() + steps;
            while (step() < target) {
                long before = step();
                long[] left = {Math.min(CHUNK_STEPS, target - before)};
                // Counted here, not read back through reflection after every step: the engine asks after each step.
                BooleanSupplier stop = () -> --left[0] <= 0;
                runUntil.invoke(engine, Long.MAX_VALUE / 4, stop);
                if (step() == before) {
                    throw new IllegalStateException(name + ": the run ended (a limit or a failure) at step " + before);
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 4) {
            System.err.println("usage: SameProcessAB JAR_A JAR_B [rounds (default 20)] [steps per slice (default 500000)]");
            System.exit(2);
        }
        for (int i = 0; i < 2; i++) {
            if (!Files.isRegularFile(Path.of(args[i]))) {
                System.err.println("SameProcessAB: " + args[i] + " is not a jar file");
                System.exit(2);
            }
        }
        int rounds = (int) positive(args, 2, "rounds", 20);
        long slice = positive(args, 3, "steps per slice", 500_000);
        // Two clusters per build, made in the order A, B, B, A: in A/A runs with one cluster each, the
        // cluster made second ran up to 6% faster, a bias of the order alone; the two orders cancel it.
        Build[] builds = {new Build("A", Path.of(args[0])), new Build("B", Path.of(args[1])),
                new Build("B", Path.of(args[1])), new Build("A", Path.of(args[0]))};
        int[] side = {0, 1, 1, 0};
        for (Build build : builds) {
            build.run(slice * 3); // warm the JIT on this very workload
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[][] nanosPerStep = new double[2][rounds];
        double[] ratios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            for (int turn = 0; turn < builds.length; turn++) {
                int which = round % 2 == 0 ? turn : builds.length - 1 - turn; // the order reversed every other round
                long cpuBefore = threads.getCurrentThreadCpuTime();
                builds[which].run(slice);
                nanosPerStep[side[which]][round] += (threads.getCurrentThreadCpuTime() - cpuBefore) / (double) slice / 2;
            }
            ratios[round] = nanosPerStep[1][round] / nanosPerStep[0][round];
        }
        boolean sameRun = true;
        for (Build build : builds) {
            sameRun &= build.step() == builds[0].step() && build.nowMicros() == builds[0].nowMicros();
        }
        System.out.printf(Locale.ROOT, "A %s: median %.0f ns CPU per step%n", args[0], median(nanosPerStep[0]));
        System.out.printf(Locale.ROOT, "B %s: median %.0f ns CPU per step%n", args[1], median(nanosPerStep[1]));
        System.out.printf(Locale.ROOT, "B/A per round: median %.3f (min %.3f, max %.3f), %d rounds of %,d steps per cluster, two clusters each%n",
                median(ratios), Arrays.stream(ratios).min().orElseThrow(), Arrays.stream(ratios).max().orElseThrow(), rounds, slice);
        System.out.println("same virtual time after the same steps: " + (sameRun ? "yes" : "no (the builds simulate different runs)"));
    }

    /** {@code args[index]} as a positive number, or {@code absent} when not given; exits 2 with one line when it is not one. */
    private static long positive(String[] args, int index, String what, long absent) {
        if (args.length <= index) {
            return absent;
        }
        try {
            long value = Long.parseLong(args[index]);
            if (value > 0 && value <= Integer.MAX_VALUE) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, as a value out of range is
        }
        System.err.println("SameProcessAB: " + what + " must be a whole number from 1 to " + Integer.MAX_VALUE + ", not " + args[index]);
        System.exit(2);
        return absent; // not reached
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
