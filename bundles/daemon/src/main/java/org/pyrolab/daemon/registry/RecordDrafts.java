package org.pyrolab.daemon.registry;

import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The records one transition works on, as drafts made when first touched. Most events concern
 * one service: copying every record for every event made a burst of a thousand starts
 * quadratic. Events that look at every record (a new configuration, a health tick, shutdown)
 * get them all.
 */
final class RecordDrafts {
    private final Map<String, ServiceRecord> before;
    private final Map<String, ServiceRecord.Draft> touched = new HashMap<>();
    /** Every record as a draft, in configuration order, once asked for; null until then. */
    private Map<String, ServiceRecord.Draft> all;

    RecordDrafts(Map<String, ServiceRecord> before) {
        this.before = before;
    }

    /** The draft of one record, or null when there is no such service. */
    ServiceRecord.Draft get(String name) {
        if (all != null) {
            return all.get(name);
        }
        ServiceRecord.Draft d = touched.get(name);
        if (d == null) {
            ServiceRecord r = before.get(name);
            if (r == null) {
                return null;
            }
            d = new ServiceRecord.Draft(r);
            touched.put(name, d);
        }
        return d;
    }

    /** Every record as a draft, in configuration order; removing one forgets that service. */
    Map<String, ServiceRecord.Draft> all() {
        if (all == null) {
            all = new LinkedHashMap<>();
            before.forEach((name, r) -> all.put(name, touched.containsKey(name) ? touched.get(name) : new ServiceRecord.Draft(r)));
        }
        return all;
    }

    /** A new set of records (a new configuration), in its order. */
    void replaceAll(Map<String, ServiceRecord.Draft> records) {
        all = records;
    }

    Set<String> names() {
        return all != null ? all.keySet() : before.keySet();
    }

    /** The records after the transition: the very same map when nothing changed. */
    Map<String, ServiceRecord> frozen() {
        Map<String, ServiceRecord> next = new LinkedHashMap<>();
        if (all != null) {
            all.forEach((name, d) -> next.put(name, d.freeze()));
            return same(before, next) ? before : Collections.unmodifiableMap(next);
        }
        Map<String, ServiceRecord> changed = new HashMap<>();
        touched.forEach((name, d) -> {
            ServiceRecord r = d.freeze();
            if (r != before.get(name)) {
                changed.put(name, r);
            }
        });
        if (changed.isEmpty()) {
            return before;
        }
        next.putAll(before); // one bulk copy, in configuration order
        next.putAll(changed);
        return Collections.unmodifiableMap(next);
    }

    /**
     * The same names in the same order with the very same records. An unchanged draft freezes to
     * the record it was made from, so this is a pointer comparison per service.
     */
    private static boolean same(Map<String, ServiceRecord> before, Map<String, ServiceRecord> after) {
        if (before.size() != after.size()) {
            return false;
        }
        Iterator<Map.Entry<String, ServiceRecord>> old = before.entrySet().iterator();
        for (Map.Entry<String, ServiceRecord> e : after.entrySet()) {
            Map.Entry<String, ServiceRecord> o = old.next();
            if (o.getValue() != e.getValue() || !o.getKey().equals(e.getKey())) {
                return false;
            }
        }
        return true;
    }
}
