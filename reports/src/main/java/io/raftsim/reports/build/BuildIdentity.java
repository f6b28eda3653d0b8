package io.raftsim.reports.build;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Properties;

/**
 * Which code made a trace or a sweep summary: the Maven project version and, when known, the
 * git commit ({@code git describe --always --dirty}). The {@code raftsim} launcher passes the
 * commit as the system property {@value #COMMIT_PROPERTY}; it has just rebuilt the jar if any
 * source changed, so the working tree's commit is the jar's. Run any other way (tests, a
 * copied jar), the commit is unknown, and comparisons say they cannot tell.
 *
 * <p>Identity is metadata beside a run, never part of it: no digest includes it.
 *
 * @param version the project version, e.g. "0.1.0-SNAPSHOT"
 * @param commit  the commit, or null when unknown
 */
public record BuildIdentity(String version, String commit) {
    public static final String COMMIT_PROPERTY = "raftsim.commit";
    private static final String UNKNOWN_VERSION = "unknown";

    public BuildIdentity {
        Objects.requireNonNull(version, "version");
        commit = commit == null || commit.isBlank() ? null : commit;
    }

    /** Whether two builds are the same, as far as their identities tell. */
    public enum Comparison {
        SAME, DIFFERENT, UNKNOWN
    }

    /** The build of the running code. */
    public static BuildIdentity current() {
        return new BuildIdentity(resourceVersion(), System.getProperty(COMMIT_PROPERTY));
    }

    /** The tool name traces have always carried in their {@code tool} field: "raftsim VERSION". */
    public String tool() {
        return "raftsim " + version;
    }

    /** "raftsim 0.1.0-SNAPSHOT, commit 1a2b3c4" or "raftsim 0.1.0-SNAPSHOT, commit unknown". */
    public String describe() {
        return tool() + ", commit " + (commit == null ? "unknown" : commit);
    }

    /**
     * Different versions, or different known commits, are different builds; a commit ending
     * in "-dirty" is a working tree with changes nobody can name, so never provably the same.
     */
    public Comparison compare(BuildIdentity other) {
        if (!version.equals(other.version) || (commit != null && other.commit != null && !commit.equals(other.commit))) {
            return Comparison.DIFFERENT;
        }
        if (commit == null || other.commit == null || commit.endsWith("-dirty")) {
            return Comparison.UNKNOWN;
        }
        return Comparison.SAME;
    }

    private static String resourceVersion() {
        try (InputStream in = BuildIdentity.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                return UNKNOWN_VERSION;
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", UNKNOWN_VERSION);
            // Unfiltered (run from an IDE without Maven's resource step): say so, do not guess.
            return version.isBlank() || version.contains("${") ? UNKNOWN_VERSION : version;
        } catch (IOException e) {
            return UNKNOWN_VERSION;
        }
    }
}
