package io.raftsim.scenarios.format;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --set path=value} overrides, applied to a scenario's JSON tree before validation,
 * so an override is checked exactly like the file's own fields. The value is read as JSON
 * when it is JSON ({@code 0.2}, {@code true}, {@code null}, {@code ["live"]}) and as a string
 * otherwise. A segment {@code NAME[K]} names the K-th element (from 0) of an array the
 * scenario has: {@code faults[2].withinMs=3000}.
 */
public final class Overrides {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A path segment naming an array element: {@code faults[2]}. */
    private static final Pattern ELEMENT = Pattern.compile("([A-Za-z][A-Za-z0-9]*)\\[([0-9]{1,9})\\]");

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
            JsonNode parent = result;
            for (int i = 0; i < fields.length; i++) {
                requireName(fields[i], setting);
                String upTo = String.join(".", List.of(fields).subList(0, i + 1));
                Matcher element = ELEMENT.matcher(fields[i]);
                String name = element.matches() ? element.group(1) : fields[i];
                boolean last = i == fields.length - 1;
                if (!(parent instanceof ObjectNode object)) {
                    throw new ScenarioException("--set " + setting + ": " + upTo + " is not inside an object");
                }
                if (!element.matches()) {
                    JsonNode child = object.get(name);
                    if (last) {
                        object.set(name, value(setting.substring(equals + 1)));
                    } else if (child == null || child.isNull()) {
                        parent = object.putObject(name);
                    } else if (child instanceof ObjectNode) {
                        parent = child;
                    } else {
                        throw new ScenarioException("--set " + setting + ": " + upTo + " is not an object");
                    }
                    continue;
                }
                // NAME[K]: the K-th element (from 0) of an array the scenario already has, e.g. faults[2].withinMs.
                JsonNode array = object.get(name);
                if (!(array instanceof ArrayNode elements)) {
                    throw new ScenarioException("--set " + setting + ": " + name + " is not an array of this scenario");
                }
                long index = Long.parseLong(element.group(2));
                if (index >= elements.size()) {
                    throw new ScenarioException("--set " + setting + ": " + name + " has " + elements.size() + " elements, so " + upTo + " is none of them");
                }
                if (last) {
                    elements.set((int) index, value(setting.substring(equals + 1)));
                } else {
                    parent = elements.get((int) index);
                }
            }
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
