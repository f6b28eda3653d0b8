package io.raftsim.sim.determinism;

import io.raftsim.sim.determinism.ClassReferences.Member;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds uses of {@link ForbiddenApi}s in compiled classes, so the build fails when simulation code
 * reaches for the wall clock, threads, unseeded randomness or hash-ordered iteration. Each module
 * checks its own {@code target/classes} from a test; {@code raftsim conform} scans the classes
 * (a directory or a jar) of any implementation under test, which is why this is public API.
 */
public final class ForbiddenApiScanner {

    /** One forbidden API used by one class. */
    public record Violation(String className, String api, String reason) {
        @Override
        public String toString() {
            return className + " uses " + api + ": " + reason;
        }
    }

    /**
     * Member rules that subtypes inherit. javac names the receiver's static type as a call's owner
     * (JLS §13.1), so {@code list.parallelStream()} refers to {@code java/util/List.parallelStream}.
     * Constructors and static interface methods are not inherited, so they match their owner only;
     * that is what keeps {@code new LinkedHashMap()} legal although LinkedHashMap extends HashMap.
     */
    private static final Set<ForbiddenApi> INHERITED = Arrays.stream(ForbiddenApi.values())
            .filter(rule -> rule.member() != null && isInherited(rule))
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(ForbiddenApi.class)));

    private ForbiddenApiScanner() {
    }

    /**
     * Violations of every class under {@code classesRoot} whose binary name (e.g.
     * {@code io.raftsim.sim.Engine}) passes {@code classFilter}, in file-path then rule order.
     */
    public static List<Violation> scan(Path classesRoot, Predicate<String> classFilter) {
        List<Violation> violations = new ArrayList<>();
        check(classesRoot, classFilter, violations);
        return violations;
    }

    /** Fails listing every violation, or if no class was checked: a wrong path or filter must not pass. */
    public static void assertDeterministic(Path classesRoot, Predicate<String> classFilter) {
        List<Violation> violations = new ArrayList<>();
        if (check(classesRoot, classFilter, violations) == 0) {
            throw new AssertionError("No class files under " + classesRoot.toAbsolutePath() + " passed the filter");
        }
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " forbidden API use(s) break determinism:\n"
                    + violations.stream().map(Violation::toString).collect(Collectors.joining("\n")));
        }
    }

    /** The directory or jar {@code type} was loaded from: what to scan for an implementation's own classes. */
    public static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("cannot tell where " + type.getName() + " was loaded from", e);
        }
    }

    /** Adds the violations of each selected class to {@code violations}; returns how many classes were checked. */
    private static int check(Path classesRoot, Predicate<String> classFilter, List<Violation> violations) {
        if (Files.isRegularFile(classesRoot) && classesRoot.getFileName().toString().endsWith(".jar")) {
            try (java.nio.file.FileSystem jar = java.nio.file.FileSystems.newFileSystem(classesRoot)) {
                return checkTree(jar.getPath("/"), classFilter, violations);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return checkTree(classesRoot, classFilter, violations);
    }

    private static int checkTree(Path classesRoot, Predicate<String> classFilter, List<Violation> violations) {
        int checked = 0;
        for (Path file : classFiles(classesRoot)) {
            ClassReferences references = ClassReferences.read(file);
            if (classFilter.test(references.className())) {
                checked++;
                for (ForbiddenApi rule : forbiddenUses(references)) {
                    violations.add(new Violation(references.className(), rule.api(), rule.reason()));
                }
            }
        }
        return checked;
    }

    /** Sorted, so reports come out in the same order on every run. */
    private static List<Path> classFiles(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("Not a directory: " + root.toAbsolutePath());
        }
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(p -> p.toString().endsWith(".class") && !p.toString().endsWith("module-info.class")
                    && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each broken rule once, however often the class breaks it. */
    private static Set<ForbiddenApi> forbiddenUses(ClassReferences references) {
        Set<ForbiddenApi> used = EnumSet.noneOf(ForbiddenApi.class);
        for (ForbiddenApi rule : ForbiddenApi.values()) {
            if (rule.member() == null) {
                // A whole-owner rule reaches subtypes too: a subclass of Random is still unseeded randomness.
                if (references.types().stream().anyMatch(type -> isSubtype(type, rule.owner()))) {
                    used.add(rule);
                }
            } else if (references.members().stream().anyMatch(member -> matches(rule, member))) {
                used.add(rule);
            }
        }
        return used;
    }

    private static boolean matches(ForbiddenApi rule, Member member) {
        return member.name().equals(rule.member()) && (member.owner().equals(rule.owner())
                || INHERITED.contains(rule) && isSubtype(member.owner(), rule.owner()));
    }

    private static boolean isInherited(ForbiddenApi rule) {
        if (rule.member().equals("<init>")) {
            return false;
        }
        Class<?> owner = load(rule.owner()).orElseThrow(() -> new IllegalStateException("No JDK class " + rule.owner()));
        return !owner.isInterface() || Arrays.stream(owner.getMethods())
                .anyMatch(method -> method.getName().equals(rule.member()) && !Modifier.isStatic(method.getModifiers()));
    }

    /** A type that cannot be loaded (not on this classpath) counts as a subtype of itself only. */
    private static boolean isSubtype(String type, String supertype) {
        if (type.equals(supertype)) {
            return true;
        }
        Optional<Class<?>> loaded = load(type);
        return loaded.isPresent() && load(supertype).map(s -> s.isAssignableFrom(loaded.get())).orElse(false);
    }

    /** Loads without initializing, so scanning never runs a scanned class's static initializer. */
    private static Optional<Class<?>> load(String internalName) {
        if (internalName.startsWith("[")) {
            return Optional.empty(); // an array owns only clone(), which no rule names
        }
        try {
            return Optional.of(Class.forName(internalName.replace('/', '.'), false,
                    ForbiddenApiScanner.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }
}
