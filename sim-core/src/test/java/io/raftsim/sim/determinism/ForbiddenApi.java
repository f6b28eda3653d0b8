package io.raftsim.sim.determinism;

import java.util.List;

/**
 * An API simulation code must not reach for: {@code owner} is a JVM internal class name (or
 * a package followed by {@code /*} for any class of it), {@code member} a method or field
 * name, or null for any use of the class at all.
 */
public record ForbiddenApi(String owner, String member, String reason) {

    private static final String CLOCK = "reads the wall clock; time must arrive as an argument";
    private static final String THREADS = "threads make runs depend on the scheduler; handlers run to completion on one thread";
    private static final String RANDOM = "unseeded or JDK-defined randomness; draw from a RandomStream derived from the run seed";
    private static final String HASH_ORDER = "iteration order depends on hash codes or a per-JVM salt; use TreeMap, LinkedHashMap or arrays";

    /** Every rule the scanner enforces. */
    public static final List<ForbiddenApi> ALL = List.of(
            new ForbiddenApi("java/lang/System", "currentTimeMillis", CLOCK),
            new ForbiddenApi("java/lang/System", "nanoTime", CLOCK),
            new ForbiddenApi("java/lang/System", "identityHashCode", HASH_ORDER),
            new ForbiddenApi("java/time/Instant", "now", CLOCK),
            new ForbiddenApi("java/time/LocalDateTime", "now", CLOCK),
            new ForbiddenApi("java/time/LocalDate", "now", CLOCK),
            new ForbiddenApi("java/time/LocalTime", "now", CLOCK),
            new ForbiddenApi("java/time/ZonedDateTime", "now", CLOCK),
            new ForbiddenApi("java/time/OffsetDateTime", "now", CLOCK),
            new ForbiddenApi("java/time/Clock", "systemUTC", CLOCK),
            new ForbiddenApi("java/time/Clock", "systemDefaultZone", CLOCK),
            new ForbiddenApi("java/lang/Thread", null, THREADS),
            new ForbiddenApi("java/lang/ThreadGroup", null, THREADS),
            new ForbiddenApi("java/util/concurrent/Executors", null, THREADS),
            new ForbiddenApi("java/util/concurrent/ExecutorService", null, THREADS),
            new ForbiddenApi("java/util/concurrent/ScheduledExecutorService", null, THREADS),
            new ForbiddenApi("java/util/concurrent/ThreadPoolExecutor", null, THREADS),
            new ForbiddenApi("java/util/concurrent/ForkJoinPool", null, THREADS),
            new ForbiddenApi("java/util/concurrent/CompletableFuture", null, THREADS),
            new ForbiddenApi("java/util/Timer", null, THREADS),
            new ForbiddenApi("java/lang/Math", "random", RANDOM),
            new ForbiddenApi("java/lang/StrictMath", "random", RANDOM),
            new ForbiddenApi("java/util/concurrent/ThreadLocalRandom", null, RANDOM),
            new ForbiddenApi("java/util/Random", null, RANDOM),
            new ForbiddenApi("java/security/SecureRandom", null, RANDOM),
            new ForbiddenApi("java/util/SplittableRandom", null, RANDOM),
            new ForbiddenApi("java/util/UUID", "randomUUID", RANDOM),
            new ForbiddenApi("java/util/HashMap", "<init>", HASH_ORDER),
            new ForbiddenApi("java/util/HashSet", "<init>", HASH_ORDER),
            new ForbiddenApi("java/util/IdentityHashMap", "<init>", HASH_ORDER),
            new ForbiddenApi("java/util/WeakHashMap", "<init>", HASH_ORDER),
            new ForbiddenApi("java/util/concurrent/ConcurrentHashMap", "<init>", HASH_ORDER),
            new ForbiddenApi("java/util/Set", "of", HASH_ORDER),
            new ForbiddenApi("java/util/Set", "copyOf", HASH_ORDER),
            new ForbiddenApi("java/util/Map", "of", HASH_ORDER),
            new ForbiddenApi("java/util/Map", "ofEntries", HASH_ORDER),
            new ForbiddenApi("java/util/Map", "copyOf", HASH_ORDER),
            new ForbiddenApi("java/util/stream/Collectors", "toSet", HASH_ORDER),
            new ForbiddenApi("java/util/stream/Collectors", "toUnmodifiableSet", HASH_ORDER),
            new ForbiddenApi("java/util/stream/Collectors", "toMap", HASH_ORDER),
            new ForbiddenApi("java/util/stream/Collectors", "toUnmodifiableMap", HASH_ORDER),
            new ForbiddenApi("java/util/stream/Collectors", "toConcurrentMap", HASH_ORDER),
            new ForbiddenApi("java/util/stream/Collectors", "groupingBy", HASH_ORDER),
            new ForbiddenApi("java/util/stream/Collectors", "groupingByConcurrent", HASH_ORDER),
            new ForbiddenApi("java/util/stream/Collectors", "partitioningBy", HASH_ORDER),
            // Called through whatever static type the caller holds (List, ArrayList, Stream...),
            // so these match the member on any class of the package.
            new ForbiddenApi("java/util/*", "parallelStream", THREADS),
            new ForbiddenApi("java/util/stream/*", "parallel", THREADS));

    public boolean matches(String classOwner, String classMember) {
        boolean ownerMatches = owner.endsWith("/*")
                ? classOwner.startsWith(owner.substring(0, owner.length() - 1)) && classOwner.indexOf('/', owner.length() - 1) < 0
                : owner.equals(classOwner);
        return ownerMatches && (member == null || member.equals(classMember));
    }

    public String describe() {
        return owner.replace('/', '.') + (member == null ? "" : "." + member);
    }
}
