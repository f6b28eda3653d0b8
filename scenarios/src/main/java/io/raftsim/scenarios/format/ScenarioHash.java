package io.raftsim.scenarios.format;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of a scenario: SHA-256 of its canonical text ({@link ScenarioWriter#toJson},
 * every default written out), first 16 hex digits. Equal for a file and the same scenario
 * written differently (spacing, field order, defaults left out); different once any setting
 * differs. Traces and sweep summaries carry it so that a replay or a merge can tell an edited
 * scenario from nondeterminism.
 */
public final class ScenarioHash {
    private ScenarioHash() {
    }

    public static String of(Scenario scenario) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(ScenarioWriter.toJson(scenario).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
