package org.pyrolab.daemon.text;

import org.pyrolab.api.dto.ServiceKind;
import org.pyrolab.api.lab.ServiceChange;

/** The line {@code start}, {@code stop} and {@code restart} print for what the registry did; the web page's answers carry the same. */
public final class ChangeLines {
    private ChangeLines() {
    }

    public static String line(ServiceChange c) {
        return c.kind() == ServiceKind.SERVICE ? service(c) : remote(c);
    }

    private static String service(ServiceChange c) {
        String name = c.name();
        return switch (c.change()) {
            case STARTED -> "Started " + name + " (driver " + c.driver() + ").";
            case ALREADY_RUNNING -> name + " is already running (since " + c.since() + ")";
            case WAITING_FOR_DRIVER -> name + " waits for driver " + c.driver() + ", which no installed bundle offers; it starts when one is installed";
            case STOPPED_WHILE_STARTING -> name + " was stopped while it started.";
            case STOPPED -> "Stopped " + name + ".";
            case NOT_RUNNING -> name + " is not running.";
        };
    }

    /** An endpoint or nameserver: named with its kind, and with its address when it runs. */
    private static String remote(ServiceChange c) {
        String what = (c.kind() == ServiceKind.ENDPOINT ? "endpoint " : "name server ") + c.name();
        String capitalized = Character.toUpperCase(what.charAt(0)) + what.substring(1);
        return switch (c.change()) {
            case STARTED -> "Started " + what + " at " + c.address() + ".";
            case ALREADY_RUNNING -> capitalized + " is already running at " + c.address() + ".";
            case STOPPED, STOPPED_WHILE_STARTING -> "Stopped " + what + ".";
            case NOT_RUNNING, WAITING_FOR_DRIVER -> capitalized + " is not running."; // remote access answers neither of these two
        };
    }
}
