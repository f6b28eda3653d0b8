package io.raftsim.microraft;

/**
 * What a command returned: {@code ok} is false only for a failed compare-and-set; {@code value}
 * is the value read (GET, a failed CAS), the previous value (PUT) or the new one (APPEND, CAS).
 */
public record KvResult(boolean ok, String value) {
}
