package io.raftsim.scenarios.cli;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Special files made for a test inside its own directory, so that a regression (renaming over
 * them) can never replace the machine's {@code /dev/null} or {@code /dev/full}. Made with the
 * system's {@code mknod}/{@code mkfifo} (a process is fine in a test, never in simulation
 * code); where they are missing or not permitted the test is skipped and says why.
 */
final class SpecialFiles {
    private SpecialFiles() {
    }

    /** A character device that discards what is written: {@code /dev/null}'s numbers 1,3. */
    static Path nullDevice(Path directory) {
        return make(directory.resolve("null"), "mknod", "c", "1", "3");
    }

    /** A character device whose writes fail with "No space left on device": {@code /dev/full}'s numbers 1,7. */
    static Path fullDevice(Path directory) {
        return make(directory.resolve("full"), "mknod", "c", "1", "7");
    }

    /** A character device that reads as endless zero bytes: {@code /dev/zero}'s numbers 1,5. */
    static Path zeroDevice(Path directory) {
        return make(directory.resolve("zero"), "mknod", "c", "1", "5");
    }

    static Path fifo(Path directory, String name) {
        return make(directory.resolve(name), "mkfifo");
    }

    private static Path make(Path path, String tool, String... arguments) {
        String[] command = new String[arguments.length + 2];
        command[0] = tool;
        command[1] = path.toString();
        System.arraycopy(arguments, 0, command, 2, arguments.length);
        int exit;
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            exit = process.waitFor();
        } catch (IOException e) {
            exit = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = -1;
        }
        Assumptions.assumeTrue(exit == 0 && Files.exists(path),
                "skipped: '" + String.join(" ", command) + "' is not available here (mknod needs root, mkfifo a POSIX system)");
        return path;
    }
}
