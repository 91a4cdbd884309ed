package org.pyrolab.remote.ns;

import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.pyrolab.api.Expose;
import org.pyrolab.remote.serial.PyroUri;
import org.pyrolab.remote.serial.RemoteError;

/**
 * {@code Pyro.NameServer}: the eight methods of Pyro5's name server, taking Python keywords and
 * Pyrolite's positional arguments alike (parameters a client leaves out are null). Unlike the
 * stock one, {@code register} refuses to take a name away from an endpoint that still answers,
 * unless {@code force} is true; re-registering the same URI is always fine.
 */
public final class NameServer {

    public static final String OBJECT_ID = "Pyro.NameServer";
    public static final String SELF_METADATA = "class:Pyro5.nameserver.NameServer";
    private static final System.Logger LOG = System.getLogger(NameServer.class.getName());

    private final NameStore store;
    private final EndpointProbe probe;

    public NameServer(NameStore store, EndpointProbe probe) {
        this.store = store;
        this.probe = probe;
    }

    public NameStore store() {
        return store;
    }

    @Expose
    public void ping() {
        // answers, nothing more
    }

    @Expose
    public int count() {
        return store.all().size();
    }

    @Expose
    public Object lookup(String name, Object return_metadata) {
        NameEntry e = store.get(name);
        if (e == null) {
            throw RemoteError.namingError("unknown name: " + name);
        }
        PyroUri uri = PyroUri.parse(e.uri());
        // Python's PYRONAME resolution passes its lookup delay (0.0) here: go by truthiness
        return truthy(return_metadata) ? new Object[] {uri, new TreeSet<>(e.metadata())} : uri;
    }

    @Expose
    public void register(Object name, Object uri, Object safe, Object metadata, Object force) {
        if (!(name instanceof String n) || n.isEmpty()) {
            throw RemoteError.typeError("name must be a str");
        }
        String uriText = uri instanceof PyroUri u ? u.toString() : uri instanceof String s ? s : null;
        if (uriText == null) {
            throw RemoteError.typeError("only str or URI allowed for uri");
        }
        PyroUri parsed;
        try {
            parsed = PyroUri.parse(uriText);
        } catch (IllegalArgumentException e) {
            throw RemoteError.namingError(e.getMessage());
        }
        Set<String> meta = metadata(metadata);
        synchronized (this) {
            NameEntry old = store.get(n);
            if (old != null) {
                if (truthy(safe)) {
                    throw RemoteError.namingError("name already registered: " + n);
                }
                if (!old.uri().equals(parsed.toString()) && !truthy(force) && n.equals(OBJECT_ID)) {
                    throw RemoteError.namingError("name already registered: " + n);
                }
                if (!old.uri().equals(parsed.toString()) && !truthy(force) && alive(old.uri())) {
                    throw RemoteError.namingError("name already registered: " + n + " (its endpoint " + old.uri()
                            + " still answers; register with force=True to replace it)");
                }
            }
            store.put(new NameEntry(n, parsed.toString(), meta));
        }
        LOG.log(Level.INFO, "registered {0} -> {1}", n, parsed);
    }

    @Expose
    public void set_metadata(String name, Object metadata) {
        Set<String> meta = metadata(metadata);
        synchronized (this) {
            NameEntry e = store.get(name);
            if (e == null) {
                throw RemoteError.namingError("unknown name: " + name);
            }
            store.put(new NameEntry(name, e.uri(), meta));
        }
    }

    @Expose
    public int remove(String name, String prefix, String regex) {
        if (name != null && !name.isEmpty()) {
            return !name.equals(OBJECT_ID) && store.remove(name) ? 1 : 0;
        }
        Predicate<String> match = prefix != null && !prefix.isEmpty() ? n -> n.startsWith(prefix)
                : regex != null && !regex.isEmpty() ? regex(regex) : null;
        if (match == null) {
            return 0;
        }
        int removed = 0;
        for (NameEntry e : store.all()) {
            if (!e.name().equals(OBJECT_ID) && match.test(e.name()) && store.remove(e.name())) {
                removed++;
            }
        }
        return removed;
    }

    @Expose
    public Map<String, Object> list(String prefix, String regex, Object return_metadata) {
        if (prefix != null && regex != null) {
            throw RemoteError.valueError("you can only filter on one thing at a time");
        }
        Predicate<String> match = prefix != null ? n -> n.startsWith(prefix) : regex != null ? regex(regex) : n -> true;
        boolean withMeta = truthy(return_metadata);
        Map<String, Object> out = new LinkedHashMap<>();
        for (NameEntry e : store.all()) {
            if (match.test(e.name())) {
                out.put(e.name(), shape(e, withMeta));
            }
        }
        return out;
    }

    @Expose
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

    private static Predicate<String> regex(String regex) {
        try {
            Pattern p = Pattern.compile(regex);
            return n -> p.matcher(n).lookingAt(); // re.match: anchored at the start only
        } catch (PatternSyntaxException e) {
            throw RemoteError.namingError("invalid regex: " + e.getDescription());
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
        Set<String> out = new LinkedHashSet<>();
        items.forEach(i -> out.add(String.valueOf(i)));
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
