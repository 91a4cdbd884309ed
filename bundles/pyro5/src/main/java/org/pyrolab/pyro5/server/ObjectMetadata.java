package org.pyrolab.pyro5.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What a client learns of an object when it connects: its methods, oneway methods and attributes. */
public record ObjectMetadata(Set<String> methods, Set<String> oneway, Set<String> attrs) {

    public ObjectMetadata {
        methods = Set.copyOf(methods);
        oneway = Set.copyOf(oneway);
        attrs = Set.copyOf(attrs);
    }

    /** The {@code meta} dict of a CONNECTOK or of {@code get_metadata}. */
    public Map<String, Object> toDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("methods", new TreeSet<>(methods));
        m.put("oneway", new TreeSet<>(oneway)); // Pyrolite 5.1 reads "oneways" and misses this
        m.put("attrs", new TreeSet<>(attrs));
        return m;
    }
}
