package org.pyrolab.remote.ns;

import java.util.List;

/** Where a name server keeps its entries. Implementations are thread-safe. */
public interface NameStore {

    /** The entry for {@code name}, or null. */
    NameEntry get(String name);

    /** Adds or replaces the entry with the same name. */
    void put(NameEntry entry);

    /** Removes an entry; returns whether it was there. */
    boolean remove(String name);

    /** All entries, sorted by name. */
    List<NameEntry> all();
}
