package io.raftsim.scenarios.format;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Reads the fields of one JSON object with validation: every read names the field's full
 * path, a value outside its range or of the wrong type is a {@link ScenarioException} naming
 * source, path and value, and {@link #done()} rejects fields nobody read (unknown fields
 * are an error, so a typo never silently falls back to a default).
 */
final class JsonFields {
    private final JsonNode node;
    private final String source;
    private final String path;
    private final TreeSet<String> read = new TreeSet<>();

    JsonFields(JsonNode node, String source, String path) {
        this.node = node;
        this.source = source;
        this.path = path;
        if (!node.isObject()) {
            throw fail(path, describe(node) + " is not an object");
        }
    }

    String source() {
        return source;
    }

    String path(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** The object's field names, in file order (for objects keyed by server name). */
    List<String> names() {
        return List.copyOf(node.propertyNames());
    }

    /** The raw value, or null when absent or JSON null. */
    JsonNode raw(String field) {
        read.add(field);
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    boolean has(String field) {
        return raw(field) != null;
    }

    long integer(String field, long defaultValue, long min, long max) {
        Long value = optionalInteger(field, min, max);
        return value == null ? defaultValue : value;
    }

    Long optionalInteger(String field, long min, long max) {
        JsonNode value = raw(field);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw fail(path(field), describe(value) + " is not a whole number");
        }
        long number = value.longValue();
        if (number < min || number > max) {
            throw fail(path(field), number + " is outside " + min + ".." + max);
        }
        return number;
    }

    double number(String field, double defaultValue, double min, double max) {
        Double value = optionalNumber(field, min, max);
        return value == null ? defaultValue : value;
    }

    Double optionalNumber(String field, double min, double max) {
        JsonNode value = raw(field);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            throw fail(path(field), describe(value) + " is not a number");
        }
        double number = value.doubleValue();
        if (!(number >= min && number <= max)) {
            throw fail(path(field), format(number) + " is outside [" + format(min) + ", " + format(max) + "]");
        }
        return number;
    }

    boolean bool(String field, boolean defaultValue) {
        Boolean value = optionalBool(field);
        return value == null ? defaultValue : value;
    }

    Boolean optionalBool(String field) {
        JsonNode value = raw(field);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw fail(path(field), describe(value) + " is not true or false");
        }
        return value.booleanValue();
    }

    String string(String field, String defaultValue, int maxLength) {
        JsonNode value = raw(field);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isString()) {
            throw fail(path(field), describe(value) + " is not a string");
        }
        String text = value.stringValue();
        if (text.length() > maxLength) {
            throw fail(path(field), "is " + text.length() + " characters long, more than " + maxLength);
        }
        return text;
    }

    /** The nested object, or null when absent. */
    JsonFields object(String field) {
        JsonNode value = raw(field);
        return value == null ? null : new JsonFields(value, source, path(field));
    }

    /** The elements of an array field (empty when absent), at most {@code maxSize}. */
    List<JsonNode> array(String field, int maxSize) {
        JsonNode value = raw(field);
        List<JsonNode> elements = new ArrayList<>();
        if (value == null) {
            return elements;
        }
        if (!value.isArray()) {
            throw fail(path(field), describe(value) + " is not an array");
        }
        if (value.size() > maxSize) {
            throw fail(path(field), "has " + value.size() + " elements, more than " + maxSize);
        }
        value.forEach(elements::add);
        return elements;
    }

    /** Fails on the first field that was never read: unknown fields are errors. */
    void done() {
        for (String name : node.propertyNames()) {
            if (!read.contains(name)) {
                throw fail(path(name), "unknown field");
            }
        }
    }

    ScenarioException fail(String fieldPath, String problem) {
        return ScenarioException.at(source, fieldPath, problem);
    }

    static String describe(JsonNode value) {
        String text = value.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : String.format(Locale.ROOT, "%s", value);
    }
}
