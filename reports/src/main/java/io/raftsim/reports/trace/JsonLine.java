package io.raftsim.reports.trace;

/**
 * Builds one JSON object as text with its fields in the order they are written, so the
 * same record always gives the same bytes (Jackson's object mapper would also do, but a
 * hand-written builder keeps the field order visible in the code and costs no reflection).
 * Reused between lines: {@link #begin()} starts a new object.
 */
final class JsonLine {
    private final StringBuilder text = new StringBuilder(256);
    private boolean first;

    JsonLine begin() {
        text.setLength(0);
        text.append('{');
        first = true;
        return this;
    }

    String end() {
        text.append('}');
        return text.toString();
    }

    JsonLine field(String name, long value) {
        name(name).append(value);
        return this;
    }

    JsonLine field(String name, double value) {
        if (Double.isFinite(value)) {
            name(name).append(value);
        } else {
            name(name).append("null");
        }
        return this;
    }

    JsonLine field(String name, boolean value) {
        name(name).append(value);
        return this;
    }

    JsonLine field(String name, String value) {
        name(name);
        string(value);
        return this;
    }

    /** Writes already-serialised JSON (an object or array) as the value. */
    JsonLine raw(String name, String json) {
        name(name).append(json);
        return this;
    }

    /** Starts a nested object; close it with {@link #endObject()}. */
    JsonLine object(String name) {
        name(name).append('{');
        first = true;
        return this;
    }

    JsonLine endObject() {
        text.append('}');
        first = false;
        return this;
    }

    JsonLine ints(String name, Iterable<Integer> values) {
        name(name).append('[');
        boolean firstValue = true;
        for (Integer value : values) {
            if (!firstValue) {
                text.append(',');
            }
            text.append(value.intValue());
            firstValue = false;
        }
        text.append(']');
        return this;
    }

    JsonLine longs(String name, Iterable<Long> values) {
        name(name).append('[');
        boolean firstValue = true;
        for (Long value : values) {
            if (!firstValue) {
                text.append(',');
            }
            text.append(value.longValue());
            firstValue = false;
        }
        text.append(']');
        return this;
    }

    /** Starts an array of objects: call {@link #element()} before each, {@link #endArray()} after the last. */
    JsonLine array(String name) {
        name(name).append('[');
        first = true;
        return this;
    }

    JsonLine element() {
        if (text.charAt(text.length() - 1) != '[') {
            text.append(',');
        }
        text.append('{');
        first = true;
        return this;
    }

    JsonLine endElement() {
        text.append('}');
        return this;
    }

    JsonLine endArray() {
        text.append(']');
        first = false;
        return this;
    }

    private StringBuilder name(String name) {
        if (!first) {
            text.append(',');
        }
        first = false;
        text.append('"').append(name).append("\":");
        return text;
    }

    private void string(String value) {
        if (value == null) {
            text.append("null");
            return;
        }
        JsonStrings.appendQuoted(text, value);
    }

}
