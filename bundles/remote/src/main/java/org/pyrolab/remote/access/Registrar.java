package org.pyrolab.remote.access;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The names this daemon wants on name servers, and getting them there: at once, then retried
 * with back-off (1 s doubling to 10 s) while a name server is down or refuses. Every few seconds
 * it checks that its names are still there (one connection per name server, a lookup per name),
 * and registers again what a name server lost (a restart with memory storage) or what someone
 * else took while this daemon's endpoint was away; registrations carry this daemon's identity,
 * so the name comes back to its owner. Network calls run on its own thread, never under a lock.
 */
final class Registrar implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Registrar.class.getName());
    private static final long FIRST_RETRY_MS = 1000;
    /** Short, so that a name server back from a restart has the names again within seconds. */
    private static final long LAST_RETRY_MS = 10_000;

    /** How often a registration is checked (a lookup), in case its name server forgot or changed it. */
    static final long VERIFY_MS = 3_000;

    private record Key(String service, String nameserver) {
    }

    private static final class Registration {
        final String uri;
        final Set<String> metadata;
        boolean done;
        String problem;
        int failures;
        long due;

        Registration(String uri, Set<String> metadata) {
            this.uri = uri;
            this.metadata = metadata;
        }
    }

    private final Map<Key, Registration> wanted = new LinkedHashMap<>();
    private final Function<String, ConfiguredNameServer> nameservers;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pyrolab-registrar");
        t.setDaemon(true);
        return t;
    });

    Registrar(Function<String, ConfiguredNameServer> nameservers) {
        this.nameservers = nameservers;
        worker.scheduleWithFixedDelay(this::tick, 200, 200, TimeUnit.MILLISECONDS);
    }

    /** {@code service} should be on exactly these name servers under {@code uri}. */
    synchronized void set(String service, Collection<String> names, String uri, Set<String> metadata) {
        for (Iterator<Map.Entry<Key, Registration>> it = wanted.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Key, Registration> e = it.next();
            if (e.getKey().service().equals(service) && (!names.contains(e.getKey().nameserver()) || !e.getValue().uri.equals(uri))) {
                unregisterLater(e.getKey(), e.getValue());
                it.remove();
            }
        }
        for (String ns : names) {
            wanted.putIfAbsent(new Key(service, ns), new Registration(uri, metadata));
        }
        worker.execute(this::tick);
    }

    /** Takes {@code service} off every name server. */
    synchronized void drop(String service) {
        for (Iterator<Map.Entry<Key, Registration>> it = wanted.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Key, Registration> e = it.next();
            if (e.getKey().service().equals(service)) {
                unregisterLater(e.getKey(), e.getValue());
                it.remove();
            }
        }
    }

    /** Registers everything on {@code nameserver} again now (it was restarted or reconfigured). */
    synchronized void retry(String nameserver) {
        wanted.forEach((k, r) -> {
            if (k.nameserver().equals(nameserver)) {
                r.done = false;
                r.failures = 0;
                r.due = 0;
            }
        });
        worker.execute(this::tick);
    }

    /** For ps: what is wrong with registrations on {@code nameserver}, or null. */
    synchronized String problems(String nameserver) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Key, Registration> e : wanted.entrySet()) {
            Registration r = e.getValue();
            if (e.getKey().nameserver().equals(nameserver) && !r.done && r.problem != null) {
                problems.add("registering " + e.getKey().service() + " failed: " + r.problem
                        + (r.failures > 0 ? " (retrying in " + Math.max(0, (r.due - System.currentTimeMillis()) / 1000) + " s)" : ""));
            }
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    /** How many services this daemon has registered on {@code nameserver}. */
    synchronized int registered(String nameserver) {
        return (int) wanted.entrySet().stream().filter(e -> e.getKey().nameserver().equals(nameserver) && e.getValue().done).count();
    }

    synchronized boolean failing(String nameserver) {
        return wanted.entrySet().stream().anyMatch(e -> e.getKey().nameserver().equals(nameserver) && !e.getValue().done
                && e.getValue().failures > 0);
    }

    private void tick() {
        Map<Key, Registration> register = new LinkedHashMap<>();
        Map<String, Map<Key, Registration>> verify = new LinkedHashMap<>();
        long now = System.currentTimeMillis();
        synchronized (this) {
            wanted.forEach((k, r) -> {
                if (r.due > now) {
                    return;
                }
                if (r.done) {
                    verify.computeIfAbsent(k.nameserver(), n -> new LinkedHashMap<>()).put(k, r);
                } else {
                    register.put(k, r);
                }
            });
        }
        register.forEach(this::attempt);
        verify.forEach(this::verify);
    }

    /** Looks this daemon's names up on one name server; registers again what is missing or changed. */
    private void verify(String nameserver, Map<Key, Registration> group) {
        ConfiguredNameServer ns = nameservers.apply(nameserver);
        if (ns == null || (ns.config.autostart && !ns.running())) {
            group.forEach(this::attempt); // says why
            return;
        }
        Map<String, String> found;
        try {
            found = ns.lookupAll(group.keySet().stream().map(Key::service).toList());
        } catch (IOException | RuntimeException e) {
            group.forEach((k, r) -> record(k, r, e.getMessage(), false));
            return;
        }
        group.forEach((k, r) -> {
            String now = found.get(k.service());
            if (r.uri.equals(now)) {
                synchronized (this) {
                    r.due = System.currentTimeMillis() + VERIFY_MS;
                }
            } else {
                LOG.log(Level.INFO, "name server {0} {1} {2}; registering it again", nameserver,
                        now == null ? "no longer knows" : "has another address (" + now + ") for", k.service());
                synchronized (this) {
                    r.done = false;
                }
                attempt(k, r);
            }
        });
    }

    private void attempt(Key key, Registration r) {
        ConfiguredNameServer ns = nameservers.apply(key.nameserver());
        String problem = null;
        boolean waiting = false;
        if (ns == null) {
            problem = "name server " + key.nameserver() + " is not configured";
        } else if (ns.config.autostart && !ns.running()) {
            problem = "waits for name server " + key.nameserver() + " to start";
            waiting = true; // ours: no point asking the network for it
        } else {
            try {
                ns.register(key.service(), r.uri, r.metadata);
            } catch (IOException | RuntimeException e) {
                problem = e.getMessage();
            }
        }
        record(key, r, problem, waiting);
    }

    private synchronized void record(Key key, Registration r, String problem, boolean waiting) {
        if (wanted.get(key) != r) {
            return; // dropped or replaced meanwhile
        }
        boolean wasDone = r.done;
        r.problem = problem;
        r.done = problem == null;
        if (problem == null) {
            r.failures = 0;
            r.due = System.currentTimeMillis() + VERIFY_MS;
            if (!wasDone) {
                LOG.log(Level.INFO, "registered {0} on name server {1} as {2}", key.service(), key.nameserver(), r.uri);
            }
        } else if (!waiting) {
            long delay = Math.min(LAST_RETRY_MS, FIRST_RETRY_MS << Math.min(r.failures, 5));
            r.failures++;
            r.due = System.currentTimeMillis() + delay;
            LOG.log(Level.WARNING, "cannot register {0} on name server {1}: {2}; retrying in {3} ms", key.service(),
                    key.nameserver(), problem, String.valueOf(delay));
        }
    }

    private void unregisterLater(Key key, Registration r) {
        if (r.done) {
            worker.execute(() -> unregister(key, r));
        }
    }

    private void unregister(Key key, Registration r) {
        ConfiguredNameServer ns = nameservers.apply(key.nameserver());
        if (ns == null || (ns.config.autostart && !ns.running())) {
            return;
        }
        try {
            ns.remove(key.service(), r.uri);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.INFO, "could not remove {0} from name server {1}: {2}", key.service(), key.nameserver(), e.getMessage());
        }
    }

    /** Removes what this daemon registered on other name servers (bounded), then stops the thread. */
    @Override
    public void close() {
        List<Map.Entry<Key, Registration>> done = new ArrayList<>();
        synchronized (this) {
            wanted.entrySet().stream().filter(e -> e.getValue().done).forEach(done::add);
            wanted.clear();
        }
        worker.shutdownNow();
        done.forEach(e -> unregister(e.getKey(), e.getValue()));
    }
}
