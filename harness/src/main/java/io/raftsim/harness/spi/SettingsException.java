package io.raftsim.harness.spi;

/** A setting an implementation refuses: one line naming the key, the value and why. */
public final class SettingsException extends Exception {
    public SettingsException(String key, String value, String why) {
        super(key + "=" + value + ": " + why);
    }
}
