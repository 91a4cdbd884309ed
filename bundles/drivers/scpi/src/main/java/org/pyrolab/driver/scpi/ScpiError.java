package org.pyrolab.driver.scpi;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One entry of an instrument's error queue, such as {@code -113,"Undefined header"}. */
public record ScpiError(int code, String message) {

    /** What an empty queue answers. */
    public static final ScpiError NO_ERROR = new ScpiError(0, "No error");

    private static final Pattern ENTRY = Pattern.compile("([+-]?\\d+)\\s*,\\s*\"(.*)\"");

    /** Reads a {@code SYST:ERR?} reply; returns null if it is not one. */
    public static ScpiError parse(String reply) {
        Matcher m = ENTRY.matcher(reply.trim());
        return m.matches() ? new ScpiError(Integer.parseInt(m.group(1)), m.group(2)) : null;
    }

    public boolean isError() {
        return code != 0;
    }

    /** The queue's own notation: {@code -113,"Undefined header"}. */
    @Override
    public String toString() {
        return String.format("%+d,\"%s\"", code, message);
    }
}
