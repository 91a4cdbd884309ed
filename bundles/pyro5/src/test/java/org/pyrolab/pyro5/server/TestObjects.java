package org.pyrolab.pyro5.server;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.pyrolab.pyro5.serial.RemoteError;

/**
 * Objects for the engine's tests, each with {@code echo(x)}, {@code add(a, b)}, {@code fail(msg)}
 * and {@code hang()} (which waits until {@link #release()}); no reflection, no daemon.
 */
public final class TestObjects implements PyroObjects {

    private static final ObjectMetadata META = new ObjectMetadata(Set.of("echo", "add", "fail", "hang"), Set.of(), Set.of());

    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final CountDownLatch released = new CountDownLatch(1);
    public final AtomicInteger closedPeers = new AtomicInteger();
    public final AtomicInteger hanging = new AtomicInteger();

    public TestObjects(String... ids) {
        this.ids.addAll(List.of(ids));
    }

    /** Lets every {@code hang()} return. */
    public void release() {
        released.countDown();
    }

    @Override
    public ObjectMetadata metadata(String objectId) {
        return ids.contains(objectId) ? META : null;
    }

    @Override
    public Collection<String> ids() {
        return List.copyOf(ids);
    }

    @Override
    public Object invoke(Peer peer, Call call) throws Exception {
        if (!ids.contains(call.object())) {
            throw RemoteError.daemonError("unknown object");
        }
        List<Object> p = call.params();
        Map<String, Object> kw = call.kwargs();
        return switch (call.method()) {
            case "echo" -> p.isEmpty() ? kw.get("x") : p.get(0);
            case "add" -> ((Number) arg(p, kw, 0, "a")).longValue() + ((Number) arg(p, kw, 1, "b")).longValue();
            case "fail" -> throw new IllegalArgumentException(String.valueOf(arg(p, kw, 0, "msg")));
            case "hang" -> {
                hanging.incrementAndGet();
                try {
                    released.await(60, TimeUnit.SECONDS);
                } finally {
                    hanging.decrementAndGet();
                }
                yield "released";
            }
            default -> throw RemoteError.attributeError("no method " + call.method());
        };
    }

    private static Object arg(List<Object> p, Map<String, Object> kw, int i, String name) {
        return i < p.size() ? p.get(i) : kw.get(name);
    }

    @Override
    public void closed(Peer peer) {
        closedPeers.incrementAndGet();
    }
}
