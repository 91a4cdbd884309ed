package org.pyrolab.pyro5.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a CONNECTOK says about the object connected to: its methods, the oneway ones and its
 * attributes. Serpent sends the three as sets, json as lists, an empty set as {@code ()}.
 */
public record RemoteMetadata(Set<String> methods, Set<String> oneway, Set<String> attrs) {

    public RemoteMetadata {
        methods = Set.copyOf(methods);
        oneway = Set.copyOf(oneway);
        attrs = Set.copyOf(attrs);
    }

    /**
     * Reads the {@code meta} dict.
     *
     * @throws IllegalArgumentException when it is not one
     */
    static RemoteMetadata of(Object meta) {
        if (!(meta instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("no object metadata in CONNECTOK: " + meta);
        }
        // "oneways" is what Pyrolite reads; accept it from servers that wrote it for Pyrolite
        Object oneway = m.containsKey("oneway") ? m.get("oneway") : m.get("oneways");
        return new RemoteMetadata(names(m.get("methods")), names(oneway), names(m.get("attrs")));
    }

    private static Set<String> names(Object v) {
        Collection<?> items = v instanceof Object[] a ? List.of(a) : v instanceof Collection<?> c ? c : List.of();
        List<String> out = new ArrayList<>();
        for (Object o : items) {
            out.add(String.valueOf(o));
        }
        return Set.copyOf(out);
    }
}
