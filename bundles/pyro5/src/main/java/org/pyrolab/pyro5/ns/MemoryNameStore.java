package org.pyrolab.pyro5.ns;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Entries in memory only; gone when the name server stops. */
public class MemoryNameStore implements NameStore {

    private final ConcurrentSkipListMap<String, NameEntry> entries = new ConcurrentSkipListMap<>();
    /** The skip list counts by walking it: keep our own count so size() is O(1). */
    private final AtomicInteger size = new AtomicInteger();

    @Override
    public NameEntry get(String name) {
        return entries.get(name);
    }

    @Override
    public void put(NameEntry entry) {
        if (entries.put(entry.name(), entry) == null) {
            size.incrementAndGet();
        }
    }

    @Override
    public boolean remove(String name) {
        if (entries.remove(name) != null) {
            size.decrementAndGet();
            return true;
        }
        return false;
    }

    @Override
    public List<NameEntry> all() {
        return List.copyOf(entries.values());
    }

    @Override
    public int size() {
        return Math.max(0, size.get());
    }

    @Override
    public List<NameEntry> withPrefix(String prefix) {
        List<NameEntry> out = new ArrayList<>();
        for (NameEntry e : entries.tailMap(prefix, true).values()) {
            if (!e.name().startsWith(prefix)) {
                break; // sorted: past the last name with this prefix
            }
            out.add(e);
        }
        return out;
    }
}
