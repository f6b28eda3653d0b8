package io.raftsim.sim.determinism;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The build's determinism check: reads the constant pool of every compiled class (JVMS
 * §4.4) and reports each reference to a {@link ForbiddenApi}. A class can only call a
 * method, read a field or name a type through its constant pool, so nothing slips past by
 * an import alias or a fully qualified name. No dependency: class files are simple enough.
 */
public final class ForbiddenApiScanner {
    private static final Pattern CLASS_IN_DESCRIPTOR = Pattern.compile("L([^;<>]+);");

    /** A forbidden reference found in a class. */
    public record Violation(String className, String api, String reason) {
        @Override
        public String toString() {
            return className + " uses " + api + ": " + reason;
        }
    }

    private ForbiddenApiScanner() {
    }

    /** Every violation in the classes under {@code classesRoot} whose binary name passes {@code classFilter}. */
    public static List<Violation> scan(Path classesRoot, Predicate<String> classFilter) throws IOException {
        List<Violation> violations = new ArrayList<>();
        for (Path file : classFiles(classesRoot)) {
            String className = binaryName(classesRoot, file);
            if (classFilter.test(className)) {
                try (InputStream in = Files.newInputStream(file)) {
                    violations.addAll(scanClass(className, in));
                } catch (IOException | RuntimeException e) {
                    throw new IllegalStateException("cannot read class file " + file + ": " + e.getMessage(), e);
                }
            }
        }
        return violations;
    }

    /** Fails with every violation, one per line; also fails when there is no class to scan, so a wrong path cannot pass. */
    public static void assertDeterministic(Path classesRoot, Predicate<String> classFilter) throws IOException {
        if (!Files.isDirectory(classesRoot) || classFiles(classesRoot).isEmpty()) {
            throw new AssertionError("no class files under " + classesRoot.toAbsolutePath() + ": nothing was checked");
        }
        List<Violation> violations = scan(classesRoot, classFilter);
        if (!violations.isEmpty()) {
            StringBuilder message = new StringBuilder("simulation code must be deterministic:\n");
            violations.forEach(v -> message.append("  ").append(v).append('\n'));
            throw new AssertionError(message.toString());
        }
    }

    static List<Violation> scanClass(String className, InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IllegalStateException("not a class file (bad magic)");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version: any, newer JDKs included
        ConstantPool pool = ConstantPool.read(in);
        List<Violation> violations = new ArrayList<>();
        for (String[] member : pool.memberReferences()) {
            check(className, member[0], member[1], violations);
        }
        for (String type : pool.referencedTypes()) {
            check(className, type, null, violations);
        }
        return violations;
    }

    private static void check(String className, String owner, String member, List<Violation> violations) {
        for (ForbiddenApi api : ForbiddenApi.ALL) {
            if (api.matches(owner, member)) {
                Violation violation = new Violation(className, member == null || api.member() == null
                        ? api.describe() : owner.replace('/', '.') + "." + member, api.reason());
                if (!violations.contains(violation)) {
                    violations.add(violation);
                }
            }
        }
    }

    private static List<Path> classFiles(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
    }

    private static String binaryName(Path root, Path file) {
        String relative = root.relativize(file).toString().replace('\\', '/');
        return relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
    }

    /** The parts of a constant pool the scanner needs: class names and member references. */
    private static final class ConstantPool {
        private final String[] utf8;
        private final int[] classNameIndex;
        private final int[][] memberRef;       // {classIndex, nameAndTypeIndex}
        private final int[][] nameAndType;     // {nameIndex, descriptorIndex}
        private final List<Integer> descriptorIndexes = new ArrayList<>();

        private ConstantPool(int count) {
            utf8 = new String[count];
            classNameIndex = new int[count];
            memberRef = new int[count][];
            nameAndType = new int[count][];
        }

        static ConstantPool read(DataInputStream in) throws IOException {
            int count = in.readUnsignedShort();
            ConstantPool pool = new ConstantPool(count);
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> pool.utf8[i] = in.readUTF();
                    case 7 -> pool.classNameIndex[i] = in.readUnsignedShort();
                    case 9, 10, 11 -> pool.memberRef[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                    case 12 -> {
                        pool.nameAndType[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                        pool.descriptorIndexes.add(pool.nameAndType[i][1]);
                    }
                    case 16 -> pool.descriptorIndexes.add(in.readUnsignedShort()); // MethodType
                    case 3, 4 -> in.readInt();
                    case 5, 6 -> {
                        in.readLong();
                        i++; // longs and doubles take two slots (JVMS §4.4.5)
                    }
                    case 8, 19, 20 -> in.readUnsignedShort(); // String, Module, Package
                    case 15 -> {
                        in.readUnsignedByte();
                        in.readUnsignedShort(); // MethodHandle: its reference is a Methodref entry, scanned anyway
                    }
                    case 17, 18 -> in.readInt(); // Dynamic, InvokeDynamic
                    default -> throw new IllegalStateException("unknown constant pool tag " + tag + " at entry " + i);
                }
            }
            return pool;
        }

        List<String[]> memberReferences() {
            List<String[]> references = new ArrayList<>();
            for (int[] ref : memberRef) {
                if (ref != null) {
                    String owner = utf8[classNameIndex[ref[0]]];
                    String name = utf8[nameAndType[ref[1]][0]];
                    references.add(new String[] {owner, name});
                }
            }
            return references;
        }

        List<String> referencedTypes() {
            List<String> types = new ArrayList<>();
            for (int index : classNameIndex) {
                if (index != 0) {
                    String name = utf8[index];
                    types.add(name.startsWith("[") ? stripArray(name) : name);
                }
            }
            for (int index : descriptorIndexes) {
                Matcher matcher = CLASS_IN_DESCRIPTOR.matcher(utf8[index]);
                while (matcher.find()) {
                    types.add(matcher.group(1));
                }
            }
            return types;
        }

        private static String stripArray(String descriptor) {
            Matcher matcher = CLASS_IN_DESCRIPTOR.matcher(descriptor);
            return matcher.find() ? matcher.group(1) : descriptor;
        }
    }
}
