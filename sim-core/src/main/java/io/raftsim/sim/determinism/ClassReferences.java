package io.raftsim.sim.determinism;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What one class file refers to: the types it names and the fields and methods it uses, in
 * constant pool order. Read from the constant pool and member descriptors (JVMS §4.1, §4.4):
 * instructions refer to classes, fields and methods only through pool entries, so every use is
 * named there. Written by hand rather than with ASM to keep the determinism check dependency-free.
 *
 * @param className binary name, e.g. {@code io.raftsim.sim.Engine$Step}
 * @param types internal names of every class or interface named, e.g. {@code java/lang/Thread}
 * @param members every field and method referred to, named by the owner the compiler chose
 */
record ClassReferences(String className, Set<String> types, Set<Member> members) {

    /** A field or method reference; {@code owner} is an internal name, {@code name} may be {@code <init>}. */
    record Member(String owner, String name) {
    }

    // Constant pool tags, JVMS Table 4.4-B.
    private static final int UTF8 = 1, INTEGER = 3, FLOAT = 4, LONG = 5, DOUBLE = 6, CLASS = 7, STRING = 8,
            FIELDREF = 9, METHODREF = 10, INTERFACE_METHODREF = 11, NAME_AND_TYPE = 12, METHOD_HANDLE = 15,
            METHOD_TYPE = 16, DYNAMIC = 17, INVOKE_DYNAMIC = 18, MODULE = 19, PACKAGE = 20;

    /** @throws IllegalStateException naming the file if it is not a well-formed class file */
    static ClassReferences read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return new Parser(new DataInputStream(new ByteArrayInputStream(bytes))).parse();
        } catch (IOException | IllegalStateException e) {
            throw new IllegalStateException("Malformed class file " + file + ": " + e, e);
        }
    }

    private static final class Parser {
        private final DataInputStream in;
        private final Set<String> types = new LinkedHashSet<>();
        private final Set<Member> members = new LinkedHashSet<>();
        private int[] tags;
        private int[] first;
        private int[] second;
        private String[] utf8;

        Parser(DataInputStream in) {
            this.in = in;
        }

        ClassReferences parse() throws IOException {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IllegalStateException("bad magic number");
            }
            in.skipNBytes(4); // minor and major version: any is accepted, as newer JDKs kept this layout
            readConstantPool();
            in.skipNBytes(2); // access_flags
            String className = className(in.readUnsignedShort()).replace('/', '.');
            in.skipNBytes(2); // super_class: a Class entry, so already in the pool
            in.skipNBytes(2L * in.readUnsignedShort()); // interfaces: Class entries too
            readMemberDescriptors(); // fields
            readMemberDescriptors(); // methods
            collectPoolReferences();
            return new ClassReferences(className, types, members);
        }

        private void readConstantPool() throws IOException {
            int count = in.readUnsignedShort();
            tags = new int[count];
            first = new int[count];
            second = new int[count];
            utf8 = new String[count];
            for (int i = 1; i < count; i++) {
                tags[i] = in.readUnsignedByte();
                switch (tags[i]) {
                    case UTF8 -> utf8[i] = in.readUTF(); // u2 length + modified UTF-8, exactly readUTF's format
                    case CLASS, STRING, METHOD_TYPE, MODULE, PACKAGE -> first[i] = in.readUnsignedShort();
                    case FIELDREF, METHODREF, INTERFACE_METHODREF, NAME_AND_TYPE, DYNAMIC, INVOKE_DYNAMIC -> {
                        first[i] = in.readUnsignedShort();
                        second[i] = in.readUnsignedShort();
                    }
                    case METHOD_HANDLE -> in.skipNBytes(3); // its target is a *ref entry, read on its own
                    case INTEGER, FLOAT -> in.skipNBytes(4);
                    case LONG, DOUBLE -> {
                        in.skipNBytes(8);
                        i++; // JVMS §4.4.5: eight-byte constants take two pool slots
                    }
                    default -> throw new IllegalStateException("unknown constant pool tag " + tags[i] + " at " + i);
                }
            }
        }

        /** A type used nowhere in code, e.g. an abstract method's parameter, is named only here. */
        private void readMemberDescriptors() throws IOException {
            for (int count = in.readUnsignedShort(); count > 0; count--) {
                in.skipNBytes(4); // access_flags, name_index
                addTypesIn(utf8(in.readUnsignedShort()));
                for (int attributes = in.readUnsignedShort(); attributes > 0; attributes--) {
                    in.skipNBytes(2); // attribute_name_index
                    in.skipNBytes(Integer.toUnsignedLong(in.readInt()));
                }
            }
        }

        private void collectPoolReferences() {
            for (int i = 1; i < tags.length; i++) {
                switch (tags[i]) {
                    case CLASS -> addClass(className(i));
                    case NAME_AND_TYPE -> addTypesIn(utf8(second[i]));
                    case METHOD_TYPE -> addTypesIn(utf8(first[i]));
                    case FIELDREF, METHODREF, INTERFACE_METHODREF ->
                            members.add(new Member(className(first[i]), utf8(first[entry(second[i], NAME_AND_TYPE)])));
                    default -> { }
                }
            }
        }

        /** A Class entry for an array names it by descriptor, e.g. {@code [Ljava/lang/Thread;}. */
        private void addClass(String name) {
            if (name.startsWith("[")) {
                addTypesIn(name);
            } else {
                types.add(name);
            }
        }

        /** Every {@code Lpkg/Name;} in a field or method descriptor (JVMS §4.3). */
        private void addTypesIn(String descriptor) {
            for (int start = descriptor.indexOf('L'); start >= 0; ) {
                int end = descriptor.indexOf(';', start);
                if (end < 0) {
                    throw new IllegalStateException("unterminated class name in descriptor " + descriptor);
                }
                types.add(descriptor.substring(start + 1, end));
                start = descriptor.indexOf('L', end + 1);
            }
        }

        private int entry(int index, int expectedTag) {
            if (index <= 0 || index >= tags.length || tags[index] != expectedTag) {
                throw new IllegalStateException("constant pool entry " + index + " is not of tag " + expectedTag);
            }
            return index;
        }

        private String utf8(int index) {
            return utf8[entry(index, UTF8)];
        }

        private String className(int classIndex) {
            return utf8(first[entry(classIndex, CLASS)]);
        }
    }
}
