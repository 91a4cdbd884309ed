package org.pyrolab.pyro5.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.pyrolab.pyro5.serial.RemoteError;

/**
 * Calls the server gave up on (answered with a TimeoutError) that are still running on their
 * threads. Each holds a thread, so they are bounded per object and per server: a hung instrument
 * cannot take every thread of the process.
 */
final class HungCalls {

    static final int MAX_PER_OBJECT = 4;
    static final int MAX = 32;

    private final Map<String, AtomicInteger> byObject = new ConcurrentHashMap<>();
    private final AtomicInteger all = new AtomicInteger();

    void started(String objectId) {
        all.incrementAndGet();
        byObject.computeIfAbsent(objectId, k -> new AtomicInteger()).incrementAndGet();
    }

    void ended(String objectId) {
        all.decrementAndGet();
        byObject.computeIfPresent(objectId, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    /** An error when too many calls were given up on to start another, else null. */
    RemoteError refusal(String objectId) {
        AtomicInteger mine = byObject.get(objectId);
        int n = mine == null ? 0 : mine.get();
        if (n >= MAX_PER_OBJECT || all.get() >= MAX) {
            return new RemoteError("Pyro5.errors.TimeoutError", objectId + " does not answer: " + n
                    + " earlier calls to it are still running past their timeout; check the instrument, or restart the service");
        }
        return null;
    }
}
