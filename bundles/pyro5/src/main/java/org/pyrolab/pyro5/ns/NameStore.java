package org.pyrolab.pyro5.ns;

import java.util.List;

/**
 * Where a name server keeps its entries. Implementations are thread-safe. A {@link NameServerHost}
 * owns the store it is given and closes it when it closes.
 */
public interface NameStore extends AutoCloseable {

    /** The entry for {@code name}, or null. */
    NameEntry get(String name);

    /** Adds or replaces the entry with the same name. */
    void put(NameEntry entry);

    /** Removes an entry; returns whether it was there. */
    boolean remove(String name);

    /** All entries, sorted by name. */
    List<NameEntry> all();

    /** How many entries there are. */
    default int size() {
        return all().size();
    }

    /** The entries whose name starts with {@code prefix}, sorted by name. */
    default List<NameEntry> withPrefix(String prefix) {
        return all().stream().filter(e -> e.name().startsWith(prefix)).toList();
    }

    /** Releases files and the like; the store may be used again afterwards (it reopens them). */
    @Override
    default void close() {
    }
}
