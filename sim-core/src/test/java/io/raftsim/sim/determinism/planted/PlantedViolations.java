package io.raftsim.sim.determinism.planted;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.Timer;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Uses every forbidden API once, so the scanner can be shown to catch each. Never run. */
@SuppressWarnings({"unused", "ResultOfMethodCallIgnored"})
public final class PlantedViolations {
    long clocks() {
        Instant.now();
        LocalDateTime.now();
        LocalDate.now();
        LocalTime.now();
        ZonedDateTime.now();
        OffsetDateTime.now();
        Clock.systemUTC();
        Clock.systemDefaultZone();
        return System.currentTimeMillis() + System.nanoTime() + System.identityHashCode(this);
    }

    void threads() throws Exception {
        Thread.sleep(1);
        new Thread(() -> { }).start();
        ThreadGroup group = new ThreadGroup("planted");
        group.activeCount();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        executor.shutdown();
        ScheduledExecutorService scheduled = Executors.newSingleThreadScheduledExecutor();
        scheduled.shutdown();
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(1);
        pool.getPoolSize();
        ForkJoinPool.commonPool();
        CompletableFuture.completedFuture(1);
        new Timer();
        List.of(1).parallelStream();
        Stream.of(1).parallel();
    }

    double randomness() {
        new Random().nextInt();
        new SplittableRandom(1).nextInt();
        new java.security.SecureRandom();
        UUID.randomUUID();
        return Math.random() + StrictMath.random() + ThreadLocalRandom.current().nextDouble();
    }

    void hashOrder() {
        new HashMap<String, String>();
        new HashSet<String>();
        new IdentityHashMap<String, String>();
        new WeakHashMap<String, String>();
        new ConcurrentHashMap<String, String>();
        Set.of(1);
        Set.copyOf(new ArrayList<Integer>());
        Map.of(1, 2);
        Map.ofEntries(Map.entry(1, 2));
        Map.copyOf(new java.util.TreeMap<Integer, Integer>());
        Stream.of(1).collect(Collectors.toSet());
        Stream.of(1).collect(Collectors.toUnmodifiableSet());
        Stream.of(1).collect(Collectors.toMap(x -> x, x -> x));
        Stream.of(1).collect(Collectors.toUnmodifiableMap(x -> x, x -> x));
        Stream.of(1).collect(Collectors.toConcurrentMap(x -> x, x -> x));
        Stream.of(1).collect(Collectors.groupingBy(x -> x));
        Stream.of(1).collect(Collectors.groupingByConcurrent(x -> x));
        Stream.of(1).collect(Collectors.partitioningBy(x -> x > 0));
    }
}
