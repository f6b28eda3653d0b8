package io.raftsim.sim.determinism.planted;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
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
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Uses every {@link io.raftsim.sim.determinism.ForbiddenApi} at least once, one method per rule,
 * so PlantedViolationTest can prove the scanner catches each. Never run: only its bytecode matters.
 */
final class PlantedViolations {

    long systemCurrentTimeMillis() {
        return System.currentTimeMillis();
    }

    long systemNanoTime() {
        return System.nanoTime();
    }

    int systemIdentityHashCode(Object object) {
        return System.identityHashCode(object);
    }

    Instant instantNow() {
        return Instant.now();
    }

    LocalDateTime localDateTimeNow() {
        return LocalDateTime.now();
    }

    LocalDate localDateNow() {
        return LocalDate.now();
    }

    LocalTime localTimeNow() {
        return LocalTime.now();
    }

    ZonedDateTime zonedDateTimeNow() {
        return ZonedDateTime.now();
    }

    OffsetDateTime offsetDateTimeNow() {
        return OffsetDateTime.now();
    }

    Clock clockSystemUtc() {
        return Clock.systemUTC();
    }

    Clock clockSystemDefaultZone() {
        return Clock.systemDefaultZone();
    }

    Thread thread(Runnable task) {
        return new Thread(task);
    }

    ThreadGroup threadGroup() {
        return new ThreadGroup("planted");
    }

    Object executors() {
        return Executors.newSingleThreadExecutor();
    }

    void executorService(ExecutorService executor) {
        executor.shutdown();
    }

    int threadPoolExecutor(ThreadPoolExecutor pool) {
        return pool.getPoolSize();
    }

    Object forkJoinPool() {
        return ForkJoinPool.commonPool();
    }

    Object completableFuture() {
        return CompletableFuture.completedFuture("planted");
    }

    boolean scheduledExecutorService(ScheduledExecutorService scheduler) {
        return scheduler.isShutdown();
    }

    Object timer() {
        return new Timer();
    }

    double mathRandom() {
        return Math.random();
    }

    double strictMathRandom() {
        return StrictMath.random();
    }

    int threadLocalRandom() {
        return ThreadLocalRandom.current().nextInt();
    }

    Object random() {
        return new Random(42);
    }

    Object secureRandom() {
        return new SecureRandom();
    }

    Object splittableRandom() {
        return new SplittableRandom(42);
    }

    UUID uuidRandomUuid() {
        return UUID.randomUUID();
    }

    Map<String, String> newHashMap() {
        return new HashMap<>();
    }

    Set<String> newHashSet() {
        return new HashSet<>();
    }

    Map<String, String> newHashtable() {
        return new Hashtable<>();
    }

    Map<String, String> newIdentityHashMap() {
        return new IdentityHashMap<>();
    }

    Map<String, String> newWeakHashMap() {
        return new WeakHashMap<>();
    }

    Map<String, String> newConcurrentHashMap() {
        return new ConcurrentHashMap<>();
    }

    Set<String> setOf() {
        return Set.of("a", "b");
    }

    Set<String> setCopyOf(List<String> names) {
        return Set.copyOf(names);
    }

    Map<String, String> mapOf() {
        return Map.of("a", "b");
    }

    Map<String, String> mapOfEntries() {
        return Map.ofEntries(Map.entry("a", "b"));
    }

    Map<String, String> mapCopyOf(Map<String, String> map) {
        return Map.copyOf(map);
    }

    Set<String> collectorsToSet(Stream<String> names) {
        return names.collect(Collectors.toSet());
    }

    Map<String, String> collectorsToMap(Stream<String> names) {
        return names.collect(Collectors.toMap(name -> name, name -> name));
    }

    Set<String> collectorsToUnmodifiableSet(Stream<String> names) {
        return names.collect(Collectors.toUnmodifiableSet());
    }

    Map<String, String> collectorsToUnmodifiableMap(Stream<String> names) {
        return names.collect(Collectors.toUnmodifiableMap(name -> name, name -> name));
    }

    Map<Integer, List<String>> collectorsGroupingBy(Stream<String> names) {
        return names.collect(Collectors.groupingBy(String::length));
    }

    ConcurrentMap<Integer, List<String>> collectorsGroupingByConcurrent(Stream<String> names) {
        return names.collect(Collectors.groupingByConcurrent(String::length));
    }

    ConcurrentMap<String, String> collectorsToConcurrentMap(Stream<String> names) {
        return names.collect(Collectors.toConcurrentMap(name -> name, name -> name));
    }

    Map<Boolean, List<String>> collectorsPartitioningBy(Stream<String> names) {
        return names.collect(Collectors.partitioningBy(String::isEmpty));
    }

    /** Called through List, not Collection: the scanner must follow inheritance. */
    long collectionParallelStream(List<String> names) {
        return names.parallelStream().count();
    }

    /** Called through Stream, which inherits parallel() from BaseStream. */
    long baseStreamParallel(Stream<String> names) {
        return names.parallel().count();
    }
}
