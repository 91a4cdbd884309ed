package org.pyrolab.pyro5.server;

import java.time.Duration;

import org.pyrolab.pyro5.wire.Message;

/**
 * The call a connection is running, if any, and whether the watchdog has given up on it. The
 * reading thread and the watchdog meet only here, so a call either ends in time and is answered
 * by its thread, or is given up on and answered by the watchdog — never both.
 */
final class RunningCall {

    /** A call given up on: the request to answer with a TimeoutError, and its limit. */
    record Expired(Message request, Call call, Duration limit) {
    }

    private boolean running;
    private boolean abandoned;
    private long deadline;
    private Message request;
    private Call call;
    private Duration limit;

    /** The reading thread starts running {@code c}; zero {@code limit} means no deadline. */
    synchronized void begin(Message request, Call c, Duration limit) {
        this.running = true;
        this.abandoned = false;
        this.request = request;
        this.call = c;
        this.limit = limit;
        this.deadline = limit.isZero() ? 0 : System.nanoTime() + limit.toNanos();
    }

    /** The call returned; false when it had been given up on (its client has its TimeoutError). */
    synchronized boolean end() {
        running = false;
        request = null;
        call = null;
        return !abandoned;
    }

    /** The watchdog's look at {@code now}: the call it gives up on, or null. */
    synchronized Expired expire(long now) {
        if (!running || abandoned || deadline == 0 || now - deadline < 0) {
            return null;
        }
        abandoned = true;
        return new Expired(request, call, limit);
    }
}
