package org.pyrolab.sim.scpi;

import java.util.ArrayDeque;
import java.util.Deque;

/** An IEEE 488.2 error queue: first in, first out, and a full queue ends in "Queue overflow". */
final class ErrorQueue {

    static final int CAPACITY = 30;

    private final Deque<String> entries = new ArrayDeque<>();

    synchronized void add(ScpiCommandError error) {
        if (entries.size() == CAPACITY) {
            return;
        }
        if (entries.size() == CAPACITY - 1) {
            entries.add(format(ScpiCommandError.QUEUE_OVERFLOW, "Queue overflow"));
            return;
        }
        entries.add(format(error.code(), error.getMessage()));
    }

    /** The oldest entry, removed, or {@code +0,"No error"}. */
    synchronized String next() {
        String entry = entries.poll();
        return entry != null ? entry : format(0, "No error");
    }

    synchronized void clear() {
        entries.clear();
    }

    private static String format(int code, String message) {
        return String.format("%+d,\"%s\"", code, message);
    }
}
