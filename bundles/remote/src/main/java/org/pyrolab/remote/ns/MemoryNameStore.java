package org.pyrolab.remote.ns;

import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/** Entries in memory only; gone when the name server stops. */
public class MemoryNameStore implements NameStore {

    private final ConcurrentSkipListMap<String, NameEntry> entries = new ConcurrentSkipListMap<>();

    @Override
    public NameEntry get(String name) {
        return entries.get(name);
    }

    @Override
    public void put(NameEntry entry) {
        entries.put(entry.name(), entry);
    }

    @Override
    public boolean remove(String name) {
        return entries.remove(name) != null;
    }

    @Override
    public List<NameEntry> all() {
        return List.copyOf(entries.values());
    }
}
