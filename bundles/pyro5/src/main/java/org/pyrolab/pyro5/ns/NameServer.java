package org.pyrolab.pyro5.ns;

import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.pyrolab.pyro5.client.EndpointProbe;
import org.pyrolab.pyro5.serial.PyroUri;
import org.pyrolab.pyro5.serial.RemoteError;
import org.pyrolab.pyro5.server.LogText;
import org.pyrolab.pyro5.server.RefusalLog;

/**
 * {@code Pyro.NameServer}: the eight methods of Pyro5's name server, taking Python keywords and
 * Pyrolite's positional arguments alike (parameters a client leaves out are null). Unlike the
 * stock one, {@code register} refuses to take a name away from an endpoint that still answers,
 * unless {@code force} is true; re-registering the same URI is always fine.
 *
 * <p>Limits: at most {@code maxEntries} names (a new name beyond it is refused; the name server's
 * own entry is not counted); the {@code regex} filter runs on RE2/J in time linear in the names'
 * length (see {@link RegexFilter}). Changes to the table are made under one lock, but an endpoint
 * is never probed while holding it: {@code register} and {@link #autoclean()} probe first, then
 * change the entry only if it is still the one they probed. Lookups and listings take no lock.
 */
public final class NameServer {

    public static final String OBJECT_ID = "Pyro.NameServer";
    public static final String SELF_METADATA = "class:Pyro5.nameserver.NameServer";
    private static final System.Logger LOG = System.getLogger(NameServer.class.getName());
    /** How often register looks again when the entry it probed changed meanwhile. */
    private static final int REGISTER_ATTEMPTS = 3;
    /** Bounds on one entry, so that the entry bound also bounds memory. */
    static final int MAX_TEXT = 1024;
    static final int MAX_METADATA = 64;

    private final NameStore store;
    private final EndpointProbe probe;
    private final int maxEntries;
    private final Object lock = new Object();
    private final RefusalLog refusals = new RefusalLog(LOG);
    private final NameOwners owners = new NameOwners();

    public NameServer(NameStore store, EndpointProbe probe) {
        this(store, probe, NameServerConfig.DEFAULT_MAX_ENTRIES);
    }

    /** With at most {@code maxEntries} names registered by peers. */
    public NameServer(NameStore store, EndpointProbe probe, int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
        }
        this.store = store;
        this.probe = probe;
        this.maxEntries = maxEntries;
    }

    public NameStore store() {
        return store;
    }

    public int maxEntries() {
        return maxEntries;
    }

    public void ping() {
        // answers, nothing more
    }

    public int count() {
        return store.size();
    }

    public Object lookup(String name, Object return_metadata) {
        NameEntry e = store.get(name);
        if (e == null) {
            throw RemoteError.namingError("unknown name: " + name);
        }
        PyroUri uri = PyroUri.parse(e.uri());
        // Python's PYRONAME resolution passes its lookup delay (0.0) here: go by truthiness
        return truthy(return_metadata) ? new Object[] {uri, new TreeSet<>(e.metadata())} : uri;
    }

    public void register(Object name, Object uri, Object safe, Object metadata, Object force) {
        register(name, uri, safe, metadata, force, null);
    }

    /**
     * Registers as the PyroLab daemon with {@code identity} (a digest; null for a client without
     * one). An existing name is replaced when it is the caller's own, when nobody owns it and it
     * points at the same URI or {@code force} is true, or else when its endpoint no longer answers.
     */
    public void register(Object name, Object uri, Object safe, Object metadata, Object force, String identity) {
        if (!(name instanceof String n) || n.isEmpty()) {
            throw RemoteError.typeError("name must be a str");
        }
        String uriText = uri instanceof PyroUri u ? u.toString() : uri instanceof String s ? s : null;
        if (uriText == null) {
            throw RemoteError.typeError("only str or URI allowed for uri");
        }
        if (n.length() > MAX_TEXT || uriText.length() > MAX_TEXT) {
            throw RemoteError.namingError("name and uri must each be at most " + MAX_TEXT + " characters");
        }
        PyroUri parsed;
        try {
            parsed = PyroUri.parse(uriText);
        } catch (IllegalArgumentException e) {
            throw RemoteError.namingError(e.getMessage());
        }
        Set<String> meta = metadata(metadata);
        NameEntry entry = new NameEntry(n, parsed.toString(), meta);
        NameEntry probedDead = null;
        for (int attempt = 0; attempt < REGISTER_ATTEMPTS; attempt++) {
            NameEntry toProbe = null;
            String oldOwner;
            synchronized (lock) {
                NameEntry old = store.get(n);
                oldOwner = owners.owner(n);
                if (old != null) {
                    if (truthy(safe)) {
                        throw RemoteError.namingError("name already registered: " + n);
                    }
                    boolean mine = oldOwner != null && oldOwner.equals(identity);
                    boolean free = mine || oldOwner == null && (old.uri().equals(entry.uri()) || truthy(force));
                    if (!free && n.equals(OBJECT_ID)) {
                        throw RemoteError.namingError("name already registered: " + n);
                    }
                    if (!free && !old.equals(probedDead)) {
                        toProbe = old;
                    }
                }
                if (toProbe == null) {
                    putChecked(entry);
                    owners.registered(n, identity);
                    LOG.log(Level.DEBUG, "registered {0} -> {1}", LogText.escape(n), LogText.escape(entry.uri()));
                    return;
                }
            }
            // another endpoint holds the name: ask it without the lock, which a slow endpoint would hold up
            if (alive(toProbe.uri())) {
                if (oldOwner != null) {
                    refusals.warn("name server", "refused to replace " + LogText.escape(n) + ": it belongs to another daemon");
                    throw RemoteError.namingError(NameOwners.refusal(n, toProbe.uri(), "replace"));
                }
                throw RemoteError.namingError("name already registered: " + n + " (its endpoint " + toProbe.uri()
                        + " still answers; register with force=True to replace it)");
            }
            probedDead = toProbe; // taken over on the next turn, unless the entry changed meanwhile
        }
        throw RemoteError.namingError("name " + n + " changed while it was being registered; try again");
    }

    /** Registers the name server's own entry, which no peer can replace afterwards. */
    void registerSelf(String uri) {
        register(OBJECT_ID, uri, false, Set.of(SELF_METADATA), true, null);
        owners.registered(OBJECT_ID, NameOwners.SELF);
    }

    /** Puts {@code entry}, refusing a new name when the table is full. Holds the lock. */
    private void putChecked(NameEntry entry) {
        if (store.get(entry.name()) == null && !entry.name().equals(OBJECT_ID)) {
            int names = store.size() - (store.get(OBJECT_ID) != null ? 1 : 0);
            if (names >= maxEntries) {
                refusals.warn("name server", "refused a new name, the table is full (" + maxEntries + " names): "
                        + LogText.escape(entry.name()));
                throw RemoteError.namingError("name server is full: " + maxEntries
                        + " names; remove some or raise max_entries");
            }
        }
        store.put(entry);
    }

    public void set_metadata(String name, Object metadata) {
        set_metadata(name, metadata, null);
    }

    /** Sets the metadata as the daemon with {@code identity}: someone else's live name is refused. */
    public void set_metadata(String name, Object metadata, String identity) {
        Set<String> meta = metadata(metadata);
        NameEntry e = store.get(name);
        if (e != null && !owners.mayChange(name, identity) && alive(e.uri())) {
            throw RemoteError.namingError(NameOwners.refusal(name, e.uri(), "change"));
        }
        synchronized (lock) {
            e = store.get(name);
            if (e == null) {
                throw RemoteError.namingError("unknown name: " + name);
            }
            store.put(new NameEntry(name, e.uri(), meta));
        }
    }

    public int remove(String name, String prefix, String regex) {
        return remove(name, prefix, regex, null);
    }

    /**
     * Removes as the daemon with {@code identity}: names another daemon owns are left alone while
     * their endpoint answers (one such name given by {@code name} is refused with a NamingError).
     */
    public int remove(String name, String prefix, String regex, String identity) {
        List<NameEntry> candidates;
        if (name != null && !name.isEmpty()) {
            NameEntry e = store.get(name);
            candidates = e == null ? List.of() : List.of(e);
        } else if (prefix != null && !prefix.isEmpty()) {
            candidates = store.withPrefix(prefix);
        } else if (regex != null && !regex.isEmpty()) {
            candidates = RegexFilter.compile(regex).select(store.all()); // all matched before any is removed
        } else {
            return 0;
        }
        Map<String, Boolean> aliveByUri = new HashMap<>();
        int removed = 0;
        int kept = 0;
        for (NameEntry e : candidates) {
            if (e.name().equals(OBJECT_ID)) {
                continue;
            }
            if (!owners.mayChange(e.name(), identity) && aliveByUri.computeIfAbsent(e.uri(), this::alive)) {
                kept++; // probed without the lock, like register
                if (name != null && !name.isEmpty()) {
                    throw RemoteError.namingError(NameOwners.refusal(name, e.uri(), "remove"));
                }
                continue;
            }
            synchronized (lock) {
                if (e.equals(store.get(e.name())) && store.remove(e.name())) {
                    owners.removed(e.name());
                    removed++;
                }
            }
        }
        if (kept > 0) {
            refusals.warn("name server", "remove kept " + kept + " names that belong to other daemons whose endpoints answer");
        }
        LOG.log(Level.DEBUG, "removed {0} names (prefix {1}, regex {2})", removed, LogText.escape(prefix),
                LogText.escape(regex));
        return removed;
    }

    /**
     * Removes {@code name} only while it still points at {@code uri} (someone else may have taken
     * the name since); returns whether it did. For the daemon's own registrations, not on the wire.
     */
    public boolean removeIfUri(String name, String uri) {
        synchronized (lock) {
            NameEntry e = store.get(name);
            boolean removed = e != null && !name.equals(OBJECT_ID) && e.uri().equals(uri) && store.remove(name);
            if (removed) {
                owners.removed(name);
            }
            return removed;
        }
    }

    public Map<String, Object> list(String prefix, String regex, Object return_metadata) {
        if (prefix != null && regex != null) {
            throw RemoteError.valueError("you can only filter on one thing at a time");
        }
        List<NameEntry> entries = prefix != null ? store.withPrefix(prefix)
                : regex != null ? RegexFilter.compile(regex).select(store.all()) : store.all();
        boolean withMeta = truthy(return_metadata);
        Map<String, Object> out = new LinkedHashMap<>();
        for (NameEntry e : entries) {
            out.put(e.name(), shape(e, withMeta));
        }
        return out;
    }

    public Map<String, Object> yplookup(Object meta_all, Object meta_any, Object return_metadata) {
        if (truthy(meta_all) && truthy(meta_any)) {
            throw RemoteError.valueError("you can't use meta_all or meta_any at the same time");
        }
        boolean withMeta = return_metadata == null || truthy(return_metadata); // Python's default is True
        Map<String, Object> out = new LinkedHashMap<>();
        if (!truthy(meta_all) && !truthy(meta_any)) {
            return out;
        }
        boolean all = truthy(meta_all);
        Set<String> wanted = metadata(all ? meta_all : meta_any);
        for (NameEntry e : store.all()) {
            boolean hit = all ? e.metadata().containsAll(wanted) : e.metadata().stream().anyMatch(wanted::contains);
            if (hit) {
                out.put(e.name(), shape(e, withMeta));
            }
        }
        return out;
    }

    /**
     * Removes the entries whose endpoint no longer answers; returns how many. Probes without the
     * lock, and removes an entry only if it is still the one probed (not re-registered meanwhile).
     */
    public int autoclean() {
        Map<String, Boolean> aliveByUri = new HashMap<>();
        int removed = 0;
        for (NameEntry e : store.all()) {
            if (e.name().equals(OBJECT_ID) || aliveByUri.computeIfAbsent(e.uri(), this::alive)) {
                continue;
            }
            synchronized (lock) {
                if (!e.equals(store.get(e.name())) || !store.remove(e.name())) {
                    continue;
                }
                owners.removed(e.name());
            }
            removed++;
            LOG.log(Level.DEBUG, "autoclean removed {0} ({1} does not answer)", LogText.escape(e.name()),
                    LogText.escape(e.uri()));
        }
        if (removed > 0) {
            LOG.log(Level.INFO, "autoclean removed {0} names whose endpoint does not answer", removed);
        }
        return removed;
    }

    /** A uri string, or (uri string, metadata set) as a tuple; an empty set, never a failure (json). */
    private static Object shape(NameEntry e, boolean withMeta) {
        return withMeta ? new Object[] {e.uri(), new TreeSet<>(e.metadata())} : e.uri();
    }

    private boolean alive(String uri) {
        try {
            return probe.alive(PyroUri.parse(uri));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static Set<String> metadata(Object metadata) {
        if (metadata == null) {
            return Set.of();
        }
        if (metadata instanceof String) {
            throw RemoteError.typeError("metadata should not be a str, but another iterable (set, list, tuple)");
        }
        Collection<?> items = metadata instanceof Object[] a ? java.util.Arrays.asList(a)
                : metadata instanceof Collection<?> c ? c : null;
        if (items == null) {
            throw RemoteError.typeError("metadata must be a set, list or tuple of str");
        }
        if (items.size() > MAX_METADATA) {
            throw RemoteError.namingError("at most " + MAX_METADATA + " metadata items");
        }
        Set<String> out = new LinkedHashSet<>();
        for (Object i : items) {
            String text = String.valueOf(i);
            if (text.length() > MAX_TEXT) {
                throw RemoteError.namingError("a metadata item must be at most " + MAX_TEXT + " characters");
            }
            out.add(text);
        }
        return out;
    }

    /** Python truthiness. */
    static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof CharSequence s) {
            return s.length() > 0;
        }
        if (v instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (v instanceof Object[] a) {
            return a.length > 0;
        }
        return true;
    }
}
