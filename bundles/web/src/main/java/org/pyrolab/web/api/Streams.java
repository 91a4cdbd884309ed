package org.pyrolab.web.api;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.pyrolab.api.lab.Logs;
import org.pyrolab.web.access.Replies;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The two live streams, {@code /api/events} and {@code /api/logs/NAME/follow}, at most
 * {@link #MAX_STREAMS} open at once for the whole daemon; the next is refused with 503. Each
 * holds one Jetty thread while it is open, and ends when a write fails (the browser left, or
 * stopped reading for the idle timeout) or the page is turned off.
 */
final class Streams {
    static final int MAX_STREAMS = 16;
    static final long DAEMON_EVERY_MS = 5_000;
    static final long KEEP_ALIVE_MS = 15_000;
    /** A follow stream with no new line says so this often, so that a departed browser is noticed. */
    static final long FOLLOW_QUIET_MS = 5_000;
    /** Lines a follow stream holds for a slow browser before it gives up on it. */
    static final int FOLLOW_BACKLOG = 10_000;

    private final Semaphore slots = new Semaphore(MAX_STREAMS);
    private final ExecutorService followers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "pyrolab-web-follow");
        t.setDaemon(true);
        return t;
    });
    private final Watch watch;
    private final Supplier<String> daemon;
    private volatile boolean closed;

    Streams(Watch watch, Supplier<String> daemon) {
        this.watch = watch;
        this.daemon = daemon;
    }

    /** {@code /api/events}: the services now and at each change, the daemon every 5 s, a keep-alive every 15 s. */
    void events(HttpServletResponse response) throws IOException {
        if (!slots.tryAcquire()) {
            refuse(response);
            return;
        }
        try (Watch.Subscription changes = watch.subscribe()) {
            Sse sse = new Sse(response);
            sse.event("services", changes.poll(1));
            sse.event("daemon", daemon.get());
            long now = System.currentTimeMillis();
            long nextDaemon = now + DAEMON_EVERY_MS;
            long nextKeepAlive = now + KEEP_ALIVE_MS;
            while (!closed) {
                String services = changes.poll(Math.min(nextDaemon, nextKeepAlive) - System.currentTimeMillis());
                if (services != null) {
                    sse.event("services", services);
                }
                now = System.currentTimeMillis();
                if (now >= nextDaemon) {
                    sse.event("daemon", daemon.get());
                    nextDaemon = now + DAEMON_EVERY_MS;
                }
                if (now >= nextKeepAlive) {
                    sse.comment("keep-alive");
                    nextKeepAlive = now + KEEP_ALIVE_MS;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            slots.release();
        }
    }

    /** {@code /api/logs/NAME/follow}: each line written to the log from now on. {@code service} null is the daemon's log. */
    void follow(HttpServletResponse response, Logs logs, String service) throws IOException {
        if (!slots.tryAcquire()) {
            refuse(response);
            return;
        }
        BlockingQueue<String> lines = new LinkedBlockingQueue<>(FOLLOW_BACKLOG);
        Future<?> reader = followers.submit(() -> {
            logs.follow(service, line -> {
                if (!lines.offer(line)) {
                    throw new IllegalStateException("the browser does not keep up with the log");
                }
            });
            return null;
        });
        try {
            Sse sse = new Sse(response);
            while (!closed) {
                String line = lines.poll(FOLLOW_QUIET_MS, TimeUnit.MILLISECONDS);
                if (line != null) {
                    sse.event("line", line);
                } else if (reader.isDone()) {
                    break;
                } else {
                    sse.comment("keep-alive");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            reader.cancel(true);
            slots.release();
        }
    }

    private static void refuse(HttpServletResponse response) throws IOException {
        Replies.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "This daemon already serves " + MAX_STREAMS
                + " live streams, the most it allows; close another page of it and try again.");
    }

    /** The registry saw a change. */
    void poke() {
        watch.poke();
    }

    void close() {
        closed = true;
        followers.shutdownNow();
        watch.close();
    }
}
