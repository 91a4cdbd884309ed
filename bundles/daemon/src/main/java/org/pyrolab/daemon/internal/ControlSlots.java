package org.pyrolab.daemon.internal;

import java.io.IOException;
import java.net.Socket;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The control port's connection slots, at most {@code max}. A connection holds a slot from
 * accept; once its hello is whole and its token right it is admitted and keeps the slot until its
 * command ends. When all are taken, the connection that has waited longest for its hello makes
 * room, so silent or trickling peers never lock the real CLI out.
 */
final class ControlSlots {

    /** One control connection and its slot. */
    static final class Slot {
        final Socket socket;
        /** From accept to the last byte of the hello, in total: a trickling client cannot stretch it. */
        final long helloDeadline;
        /** Whole hello, right token: it runs a command and is no longer evicted. */
        private boolean admitted;

        Slot(Socket socket, long helloDeadlineMillis) {
            this.socket = socket;
            this.helloDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(helloDeadlineMillis);
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private final int max;
    /** The open connections in the order they came. */
    private final Set<Slot> open = new LinkedHashSet<>();

    ControlSlots(int max) {
        this.max = max;
    }

    /** A slot for {@code slot}: a free one, else the one of the connection that has waited longest for its hello. */
    synchronized boolean take(Slot slot) {
        if (open.size() >= max) {
            Slot waiting = open.stream().filter(c -> !c.admitted).findFirst().orElse(null);
            if (waiting == null) {
                return false;
            }
            open.remove(waiting);
            waiting.close(); // its thread fails on the closed socket and ends
        }
        open.add(slot);
        return true;
    }

    /** Marks {@code slot} as running a command; false if it was evicted meanwhile. */
    synchronized boolean admit(Slot slot) {
        slot.admitted = open.contains(slot);
        return slot.admitted;
    }

    synchronized void release(Slot slot) {
        open.remove(slot);
    }

    synchronized int size() {
        return open.size();
    }
}
