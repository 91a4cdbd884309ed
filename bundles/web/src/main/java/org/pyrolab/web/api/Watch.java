package org.pyrolab.web.api;

import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.pyrolab.api.dto.ServiceDTO;
import org.pyrolab.daemon.text.Json;

/**
 * Watches the services, endpoints and nameservers for the event streams: while at least one
 * stream is open it looks when the registry says a service changed ({@link #poke}), and every
 * {@link #PERIOD_MS} ms for what the registry does not see (lock holders, endpoints and
 * nameservers of remote access) — one look for all streams — and hands each stream the new list
 * when something but the uptime changed. With no stream open it does nothing.
 */
final class Watch {
    static final long PERIOD_MS = 200;
    private static final java.util.regex.Pattern UPTIME = java.util.regex.Pattern.compile("\"uptimeSeconds\":-?[0-9]+");

    private final Supplier<List<ServiceDTO>> services;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pyrolab-web-watch");
        t.setDaemon(true);
        return t;
    });
    private final Set<Subscription> subscribers = ConcurrentHashMap.newKeySet();
    private ScheduledFuture<?> looking;
    private String lastShape;

    Watch(Supplier<List<ServiceDTO>> services) {
        this.services = services;
    }

    /** One stream's view: the list now, then each changed list. */
    final class Subscription implements AutoCloseable {
        /** Only the newest list matters: a stream that fell behind gets that one. */
        private final BlockingQueue<String> changes = new LinkedBlockingQueue<>();

        String poll(long millis) throws InterruptedException {
            String latest = changes.poll(Math.max(1, millis), TimeUnit.MILLISECONDS);
            String newer;
            while ((newer = changes.poll()) != null) {
                latest = newer;
            }
            return latest;
        }

        @Override
        public void close() {
            unsubscribe(this);
        }
    }

    synchronized Subscription subscribe() {
        Subscription s = new Subscription();
        List<ServiceDTO> rows = services.get();
        subscribers.add(s);
        if (looking == null) {
            lastShape = shape(rows);
            looking = timer.scheduleWithFixedDelay(this::look, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
        }
        s.changes.add(Json.line(rows));
        return s;
    }

    /** Something changed (the registry said so): look now rather than at the next tick. */
    synchronized void poke() {
        if (looking != null) {
            try {
                timer.execute(this::look);
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                // the page is going away
            }
        }
    }

    private synchronized void unsubscribe(Subscription s) {
        subscribers.remove(s);
        if (subscribers.isEmpty() && looking != null) {
            looking.cancel(false);
            looking = null;
        }
    }

    private void look() {
        try {
            List<ServiceDTO> rows = services.get();
            String shape = shape(rows);
            synchronized (this) {
                if (shape.equals(lastShape)) {
                    return;
                }
                lastShape = shape;
            }
            String line = Json.line(rows);
            for (Subscription s : subscribers) {
                s.changes.add(line);
            }
        } catch (RuntimeException e) {
            System.getLogger("org.pyrolab.web").log(System.Logger.Level.DEBUG, "watching the services", e);
        }
    }

    /** The list without what changes by itself every second (the uptimes). */
    static String shape(List<ServiceDTO> rows) {
        return UPTIME.matcher(Json.line(rows)).replaceAll("");
    }

    void close() {
        timer.shutdownNow();
    }
}
