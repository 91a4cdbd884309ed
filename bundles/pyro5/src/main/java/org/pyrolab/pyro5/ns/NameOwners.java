package org.pyrolab.pyro5.ns;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who owns which name: the identity (a digest, see {@code LabSecret.identity}) of the PyroLab
 * daemon that registered it. A name with an owner is changed (replaced, removed, its metadata set)
 * only by that owner while its endpoint answers; a name without one keeps Pyro5's rules
 * ({@code force=True} replaces it). Kept in memory: after a restart of the name server the owner's
 * next registration (within seconds, see the daemon's registrar) claims the name again.
 */
final class NameOwners {

    /** The name server's own entry belongs to the name server: no peer may replace it. */
    static final String SELF = "name-server-itself";

    private final Map<String, String> owners = new ConcurrentHashMap<>();

    String owner(String name) {
        return owners.get(name);
    }

    /** Whether {@code identity} may change {@code name} without asking whether its endpoint answers. */
    boolean mayChange(String name, String identity) {
        String owner = owners.get(name);
        return owner == null || owner.equals(identity);
    }

    /** Records who registered {@code name} (null: nobody in particular). */
    void registered(String name, String identity) {
        if (identity == null) {
            owners.remove(name);
        } else {
            owners.put(name, identity);
        }
    }

    void removed(String name) {
        owners.remove(name);
    }

    static String refusal(String name, String uri, String verb) {
        return "name " + name + " belongs to another PyroLab daemon whose endpoint " + uri
                + " still answers; only that daemon can " + verb + " it";
    }
}
