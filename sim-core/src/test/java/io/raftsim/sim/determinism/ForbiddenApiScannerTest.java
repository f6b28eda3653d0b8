package io.raftsim.sim.determinism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftsim.sim.determinism.ForbiddenApiScanner.Violation;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scanner's contract: how it reads class files, and how it reports and fails. */
class ForbiddenApiScannerTest {

    private static final Violation NANO_TIME = new Violation("Handmade", "java.lang.System.nanoTime",
            "reads the wall clock; time must arrive as an argument");

    @TempDir
    Path classes;

    @Test
    void skipsEveryConstantKindWithoutLosingItsPlaceInThePool() throws IOException {
        Files.write(classes.resolve("Handmade.class"), handmadeClassFile(61));

        assertEquals(List.of(NANO_TIME), ForbiddenApiScanner.scan(classes, name -> true));
    }

    @Test
    void acceptsClassFilesNewerThanAnyJdkItKnows() throws IOException {
        Files.write(classes.resolve("Handmade.class"), handmadeClassFile(99));

        assertEquals(List.of(NANO_TIME), ForbiddenApiScanner.scan(classes, name -> true));
    }

    @Test
    void rejectsATruncatedClassFileByName() throws IOException {
        byte[] whole = handmadeClassFile(61);
        Files.write(classes.resolve("Truncated.class"), Arrays.copyOf(whole, whole.length / 2));

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> ForbiddenApiScanner.scan(classes, name -> true));
        assertTrue(thrown.getMessage().contains("Truncated.class"), thrown.getMessage());
    }

    @Test
    void failsWhenTheDirectoryHoldsNoClassFiles() {
        assertThrows(AssertionError.class, () -> ForbiddenApiScanner.assertDeterministic(classes, name -> true));
    }

    @Test
    void failsWhenTheFilterSelectsNoClass() throws IOException {
        Files.write(classes.resolve("Handmade.class"), handmadeClassFile(61));

        assertThrows(AssertionError.class, () -> ForbiddenApiScanner.assertDeterministic(classes, name -> false));
    }

    @Test
    void rejectsAMissingDirectory() {
        assertThrows(IllegalArgumentException.class,
                () -> ForbiddenApiScanner.scan(classes.resolve("absent"), name -> true));
    }

    @Test
    void listsEachViolationOnItsOwnLine() throws IOException {
        Files.write(classes.resolve("Handmade.class"), handmadeClassFile(61));

        AssertionError thrown = assertThrows(AssertionError.class,
                () -> ForbiddenApiScanner.assertDeterministic(classes, name -> true));
        assertTrue(thrown.getMessage().endsWith("\nHandmade uses java.lang.System.nanoTime: "
                + "reads the wall clock; time must arrive as an argument"), thrown.getMessage());
    }

    /**
     * A class {@code Handmade} whose pool holds one constant of every kind before and around a
     * reference to System.nanoTime. If a two-slot Long or Double were counted as one slot, or any
     * entry's length misread, the later indices would point at the wrong entries.
     */
    private static byte[] handmadeClassFile(int majorVersion) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0xCAFEBABE);
        out.writeShort(0);
        out.writeShort(majorVersion);
        out.writeShort(24); // constant_pool_count: entries 1 to 23
        utf8(out, "Handmade"); // 1
        out.writeByte(7); // 2: Class Handmade
        out.writeShort(1);
        out.writeByte(5); // 3 and 4: Long
        out.writeLong(6_364_136_223_846_793_005L);
        out.writeByte(6); // 5 and 6: Double
        out.writeDouble(2.5);
        out.writeByte(3); // 7: Integer
        out.writeInt(100_000);
        out.writeByte(4); // 8: Float
        out.writeFloat(0.25f);
        out.writeByte(8); // 9: String "Handmade"
        out.writeShort(1);
        utf8(out, "java/lang/System"); // 10
        out.writeByte(7); // 11: Class java/lang/System
        out.writeShort(10);
        utf8(out, "nanoTime"); // 12
        utf8(out, "()J"); // 13
        out.writeByte(12); // 14: NameAndType nanoTime ()J
        out.writeShort(12);
        out.writeShort(13);
        out.writeByte(10); // 15: Methodref System.nanoTime
        out.writeShort(11);
        out.writeShort(14);
        out.writeByte(15); // 16: MethodHandle REF_invokeStatic #15
        out.writeByte(6);
        out.writeShort(15);
        out.writeByte(16); // 17: MethodType ()J
        out.writeShort(13);
        out.writeByte(17); // 18: Dynamic, bootstrap 0, #14 (the scanner does not check what a bootstrap needs)
        out.writeShort(0);
        out.writeShort(14);
        out.writeByte(18); // 19: InvokeDynamic, bootstrap 0, #14
        out.writeShort(0);
        out.writeShort(14);
        utf8(out, "java.base"); // 20
        out.writeByte(19); // 21: Module java.base
        out.writeShort(20);
        utf8(out, "java/lang"); // 22
        out.writeByte(20); // 23: Package java/lang
        out.writeShort(22);
        out.writeShort(0x0021); // access_flags: public super
        out.writeShort(2); // this_class
        out.writeShort(0); // super_class: none, which only Object may claim, but the scanner does not care
        out.writeShort(0); // interfaces_count
        out.writeShort(0); // fields_count
        out.writeShort(0); // methods_count
        out.writeShort(0); // attributes_count
        return bytes.toByteArray();
    }

    private static void utf8(DataOutputStream out, String text) throws IOException {
        out.writeByte(1);
        out.writeUTF(text);
    }
}
