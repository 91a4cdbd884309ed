package org.pyrolab.pyro5.ns;

import java.util.Set;
import java.util.TreeSet;

/**
 * One name server entry.
 *
 * @param name     the registered name, such as {@code asgard.laser1}
 * @param uri      the object's URI as a string ({@code PYRO:id@host:port})
 * @param metadata free-form tags, possibly empty
 */
public record NameEntry(String name, String uri, Set<String> metadata) {

    public NameEntry {
        metadata = metadata == null ? Set.of() : Set.copyOf(new TreeSet<>(metadata));
    }
}
