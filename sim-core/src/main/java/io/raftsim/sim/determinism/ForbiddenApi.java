package io.raftsim.sim.determinism;

/**
 * The JDK APIs simulation code must not use. Each one lets something other than the seed decide
 * what happens: the wall clock, the OS thread scheduler, an unseeded generator, or hash codes and
 * per-run salts that change the order of an iteration.
 *
 * <p>A rule names its owner by JVM internal name ({@code java/lang/System}) because that is how
 * class files name it. With a member, only that member is forbidden ({@code <init>} for
 * construction); with {@code null}, any use of the owner or a subtype of it is.
 */
public enum ForbiddenApi {
    SYSTEM_CURRENT_TIME_MILLIS("java/lang/System", "currentTimeMillis", Why.WALL_CLOCK),
    SYSTEM_NANO_TIME("java/lang/System", "nanoTime", Why.WALL_CLOCK),
    SYSTEM_IDENTITY_HASH_CODE("java/lang/System", "identityHashCode", Why.IDENTITY_HASH),
    INSTANT_NOW("java/time/Instant", "now", Why.WALL_CLOCK),
    LOCAL_DATE_TIME_NOW("java/time/LocalDateTime", "now", Why.WALL_CLOCK),
    LOCAL_DATE_NOW("java/time/LocalDate", "now", Why.WALL_CLOCK),
    LOCAL_TIME_NOW("java/time/LocalTime", "now", Why.WALL_CLOCK),
    ZONED_DATE_TIME_NOW("java/time/ZonedDateTime", "now", Why.WALL_CLOCK),
    OFFSET_DATE_TIME_NOW("java/time/OffsetDateTime", "now", Why.WALL_CLOCK),
    CLOCK_SYSTEM_UTC("java/time/Clock", "systemUTC", Why.WALL_CLOCK),
    CLOCK_SYSTEM_DEFAULT_ZONE("java/time/Clock", "systemDefaultZone", Why.WALL_CLOCK),

    THREAD("java/lang/Thread", null, Why.THREADS),
    THREAD_GROUP("java/lang/ThreadGroup", null, Why.THREADS),
    EXECUTORS("java/util/concurrent/Executors", null, Why.THREADS),
    EXECUTOR_SERVICE("java/util/concurrent/ExecutorService", null, Why.THREADS),
    THREAD_POOL_EXECUTOR("java/util/concurrent/ThreadPoolExecutor", null, Why.THREADS),
    FORK_JOIN_POOL("java/util/concurrent/ForkJoinPool", null, Why.THREADS),
    COMPLETABLE_FUTURE("java/util/concurrent/CompletableFuture", null, Why.THREADS),
    SCHEDULED_EXECUTOR_SERVICE("java/util/concurrent/ScheduledExecutorService", null, Why.THREADS),
    TIMER("java/util/Timer", null, Why.THREADS),

    MATH_RANDOM("java/lang/Math", "random", Why.UNSEEDED),
    STRICT_MATH_RANDOM("java/lang/StrictMath", "random", Why.UNSEEDED),
    THREAD_LOCAL_RANDOM("java/util/concurrent/ThreadLocalRandom", null, Why.UNSEEDED),
    RANDOM("java/util/Random", null, Why.UNSEEDED),
    SECURE_RANDOM("java/security/SecureRandom", null, Why.UNSEEDED),
    SPLITTABLE_RANDOM("java/util/SplittableRandom", null, Why.UNSEEDED),
    UUID_RANDOM_UUID("java/util/UUID", "randomUUID", Why.UNSEEDED),

    NEW_HASH_MAP("java/util/HashMap", "<init>", Why.HASH_ORDER),
    NEW_HASH_SET("java/util/HashSet", "<init>", Why.HASH_ORDER),
    NEW_HASHTABLE("java/util/Hashtable", "<init>", Why.HASH_ORDER),
    NEW_IDENTITY_HASH_MAP("java/util/IdentityHashMap", "<init>", Why.HASH_ORDER),
    NEW_WEAK_HASH_MAP("java/util/WeakHashMap", "<init>", Why.HASH_ORDER),
    NEW_CONCURRENT_HASH_MAP("java/util/concurrent/ConcurrentHashMap", "<init>", Why.HASH_ORDER),
    SET_OF("java/util/Set", "of", Why.SALTED),
    SET_COPY_OF("java/util/Set", "copyOf", Why.SALTED),
    MAP_OF("java/util/Map", "of", Why.SALTED),
    MAP_OF_ENTRIES("java/util/Map", "ofEntries", Why.SALTED),
    MAP_COPY_OF("java/util/Map", "copyOf", Why.SALTED),
    COLLECTORS_TO_SET("java/util/stream/Collectors", "toSet", Why.COLLECTS_TO_HASH),
    COLLECTORS_TO_MAP("java/util/stream/Collectors", "toMap", Why.COLLECTS_TO_HASH),
    COLLECTORS_TO_UNMODIFIABLE_SET("java/util/stream/Collectors", "toUnmodifiableSet", Why.COLLECTS_TO_HASH),
    COLLECTORS_TO_UNMODIFIABLE_MAP("java/util/stream/Collectors", "toUnmodifiableMap", Why.COLLECTS_TO_HASH),
    COLLECTORS_GROUPING_BY("java/util/stream/Collectors", "groupingBy", Why.COLLECTS_TO_HASH),
    COLLECTORS_GROUPING_BY_CONCURRENT("java/util/stream/Collectors", "groupingByConcurrent", Why.COLLECTS_TO_HASH),
    COLLECTORS_TO_CONCURRENT_MAP("java/util/stream/Collectors", "toConcurrentMap", Why.COLLECTS_TO_HASH),
    COLLECTORS_PARTITIONING_BY("java/util/stream/Collectors", "partitioningBy", Why.UNSPECIFIED_MAP),
    COLLECTION_PARALLEL_STREAM("java/util/Collection", "parallelStream", Why.PARALLEL),
    BASE_STREAM_PARALLEL("java/util/stream/BaseStream", "parallel", Why.PARALLEL);

    /** Shared reasons; nested because enum constants cannot refer to the enum's own static fields. */
    private static final class Why {
        static final String WALL_CLOCK = "reads the wall clock; time must arrive as an argument";
        static final String IDENTITY_HASH = "identity hash codes differ between runs; key by the object's own fields";
        static final String THREADS = "runs code on real threads in an order the OS picks; model concurrency as simulated events";
        static final String UNSEEDED = "randomness outside the run's seed; draw from the simulation's seeded random stream";
        static final String HASH_ORDER = "iterates in hash-code order, which can change between runs; use a LinkedHash* or Tree* collection";
        static final String SALTED = "iteration order is salted per JVM run; use List.of or a LinkedHashMap/TreeMap";
        static final String COLLECTS_TO_HASH = "collects into a hash-ordered map or set; use toList, toCollection(TreeSet::new) or a loop into a TreeMap";
        static final String UNSPECIFIED_MAP = "returns a map whose type and order the JDK leaves unspecified; partition into two lists";
        static final String PARALLEL = "splits work across ForkJoinPool threads; use a sequential stream";
    }

    private final String owner;
    private final String member;
    private final String reason;

    ForbiddenApi(String owner, String member, String reason) {
        this.owner = owner;
        this.member = member;
        this.reason = reason;
    }

    /** Internal name of the class or interface the rule is about, e.g. {@code java/lang/System}. */
    public String owner() {
        return owner;
    }

    /** The forbidden member, {@code <init>} for construction, or {@code null} if the whole owner is. */
    public String member() {
        return member;
    }

    /** Why the API breaks determinism and what to use instead, on one line. */
    public String reason() {
        return reason;
    }

    /** Java-style name for messages: {@code java.lang.Thread}, {@code new java.util.HashMap}, {@code java.lang.Math.random}. */
    public String api() {
        String type = owner.replace('/', '.');
        if (member == null) {
            return type;
        }
        return member.equals("<init>") ? "new " + type : type + "." + member;
    }
}
