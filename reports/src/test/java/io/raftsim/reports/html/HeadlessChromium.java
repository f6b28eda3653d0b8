package io.raftsim.reports.html;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs the Debian {@code chromium} headless on a local page: its DOM after the scripts ran, its console log, a screenshot. */
public final class HeadlessChromium {
    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    private static final long TIMEOUT_SECONDS = 90;

    public record Output(String dom, String log) {
    }

    private final Path binary;
    private final Path workDir;

    private HeadlessChromium(Path binary, Path workDir) {
        this.binary = binary;
        this.workDir = workDir;
    }

    public static Optional<HeadlessChromium> find(Path workDir) {
        for (String candidate : CANDIDATES) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return Optional.of(new HeadlessChromium(path, workDir));
            }
        }
        return Optional.empty();
    }

    /** Loads {@code url}, lets its scripts run, and returns the DOM (stdout) and the log (stderr). */
    public Output dumpDom(String url) throws IOException, InterruptedException {
        List<String> command = baseCommand("dom");
        command.add("--enable-logging=stderr");
        command.add("--v=0");
        command.add("--dump-dom");
        command.add(url);
        return run(command);
    }

    /** Loads {@code url} and writes a PNG of the window. */
    public Output screenshot(String url, Path png, int width, int height) throws IOException, InterruptedException {
        List<String> command = baseCommand("shot");
        command.add("--hide-scrollbars");
        command.add("--window-size=" + width + "," + height);
        command.add("--screenshot=" + png.toAbsolutePath());
        command.add(url);
        return run(command);
    }

    private List<String> baseCommand(String profile) throws IOException {
        Path userData = Files.createTempDirectory(workDir, "chromium-" + profile);
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--virtual-time-budget=5000", "--user-data-dir=" + userData));
        return command;
    }

    private Output run(List<String> command) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile(workDir, "chromium", ".out");
        Path stderr = Files.createTempFile(workDir, "chromium", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
        }
        return new Output(Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
