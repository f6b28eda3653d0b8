package io.raftsim.scenarios.format;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import java.util.List;

/**
 * {@code --set path=value} overrides, applied to a scenario's JSON tree before validation,
 * so an override is checked exactly like the file's own fields. The value is read as JSON
 * when it is JSON ({@code 0.2}, {@code true}, {@code null}, {@code ["live"]}) and as a string
 * otherwise.
 */
public final class Overrides {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Overrides() {
    }

    public static ObjectNode apply(ObjectNode tree, List<String> settings) {
        ObjectNode result = tree.deepCopy();
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            if (equals <= 0) {
                throw new ScenarioException("--set " + setting + ": expected path=value, e.g. network.dropRate=0.1");
            }
            String path = setting.substring(0, equals).trim();
            String[] fields = path.split("\\.", -1);
            ObjectNode parent = result;
            for (int i = 0; i < fields.length - 1; i++) {
                requireName(fields[i], setting);
                JsonNode child = parent.get(fields[i]);
                if (child == null || child.isNull()) {
                    parent = parent.putObject(fields[i]);
                } else if (child instanceof ObjectNode object) {
                    parent = object;
                } else {
                    throw new ScenarioException("--set " + setting + ": " + String.join(".", List.of(fields).subList(0, i + 1)) + " is not an object");
                }
            }
            requireName(fields[fields.length - 1], setting);
            parent.set(fields[fields.length - 1], value(setting.substring(equals + 1)));
        }
        return result;
    }

    private static void requireName(String field, String setting) {
        if (field.isEmpty()) {
            throw new ScenarioException("--set " + setting + ": empty field name in the path");
        }
    }

    private static JsonNode value(String text) {
        try {
            JsonNode parsed = JSON.readTree(text);
            return parsed == null || parsed.isMissingNode() ? StringNode.valueOf(text) : parsed;
        } catch (JacksonException e) {
            return StringNode.valueOf(text);
        }
    }
}
