package io.raftsim.scenarios.format;

/**
 * Bad input in a scenario: the message is one line that names the source (a file, a
 * catalogue entry, a {@code --set}), the field and the value, e.g.
 * {@code flaky.json: network.dropRate: 1.5 is outside [0, 1]}.
 */
public final class ScenarioException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScenarioException(String message) {
        super(message.replace('\n', ' '));
    }

    public static ScenarioException at(String source, String field, String problem) {
        return new ScenarioException(source + ": " + (field.isEmpty() ? "" : field + ": ") + problem);
    }
}
