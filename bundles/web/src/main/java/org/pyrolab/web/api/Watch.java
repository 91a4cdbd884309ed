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
 * stream is open it looks every {@link #PERIOD_MS} ms (one look for all streams) and hands each
 * stream the new list when something but the uptime changed. With no stream open it does nothing.
 */
final class Watch {
    static final long PERIOD_MS = 200;

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
    private static String shape(List<ServiceDTO> rows) {
        long[] uptimes = new long[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            uptimes[i] = rows.get(i).uptimeSeconds;
            rows.get(i).uptimeSeconds = 0;
        }
        String shape = Json.line(rows);
        for (int i = 0; i < rows.size(); i++) {
            rows.get(i).uptimeSeconds = uptimes[i];
        }
        return shape;
    }

    void close() {
        timer.shutdownNow();
    }
}
