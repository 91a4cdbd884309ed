package org.pyrolab.api.lab;

import java.util.List;

/**
 * One name a nameserver holds, for {@code pyrolab nslist}.
 *
 * @param name     the registered name
 * @param uri      the {@code PYRO:} URI it names
 * @param metadata its metadata strings, sorted; empty when it has none
 */
public record NameServerEntry(String name, String uri, List<String> metadata) {
    public NameServerEntry {
        metadata = List.copyOf(metadata);
    }
}
