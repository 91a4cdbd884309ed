package org.pyrolab.daemon.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Renames an entry of a configuration tree and every reference to it. */
final class Renamer {
    private Renamer() {
    }

    /** Returns false when no section has an entry of that name. */
    @SuppressWarnings("unchecked")
    static boolean rename(Map<String, Object> tree, String oldName, String newName) {
        String section = null;
        for (String s : List.of("services", "daemons", "nameservers")) {
            if (tree.get(s) instanceof Map && ((Map<String, Object>) tree.get(s)).containsKey(oldName)) {
                section = s;
            }
        }
        if (section == null) {
            return false;
        }
        for (String s : List.of("services", "daemons", "nameservers")) {
            if (tree.get(s) instanceof Map && ((Map<String, Object>) tree.get(s)).containsKey(newName)) {
                throw new IllegalArgumentException("`" + newName + "` is already the name of an entry under `" + s + ":`");
            }
        }
        tree.put(section, renameKey((Map<String, Object>) tree.get(section), oldName, newName));
        switch (section) {
            case "nameservers":
                references(tree, "daemons", "nameservers", oldName, newName);
                references(tree, "services", "nameservers", oldName, newName);
                break;
            case "daemons":
                references(tree, "services", "daemon", oldName, newName);
                break;
            default:
                break;
        }
        if (tree.get("autolaunch") instanceof Map) {
            Map<String, Object> autolaunch = (Map<String, Object>) tree.get("autolaunch");
            autolaunch.replaceAll((key, names) -> replace(names, oldName, newName));
        }
        return true;
    }

    /** The same map with one key renamed, keeping the order of entries. */
    private static Map<String, Object> renameKey(Map<String, Object> map, String oldName, String newName) {
        Map<String, Object> renamed = new LinkedHashMap<>();
        map.forEach((k, v) -> renamed.put(k.equals(oldName) ? newName : k, v));
        return renamed;
    }

    @SuppressWarnings("unchecked")
    private static void references(Map<String, Object> tree, String section, String key, String oldName, String newName) {
        if (!(tree.get(section) instanceof Map)) {
            return;
        }
        for (Object entry : ((Map<String, Object>) tree.get(section)).values()) {
            if (entry instanceof Map && ((Map<String, Object>) entry).containsKey(key)) {
                Map<String, Object> body = (Map<String, Object>) entry;
                body.put(key, replace(body.get(key), oldName, newName));
            }
        }
    }

    private static Object replace(Object names, String oldName, String newName) {
        if (names instanceof List) {
            return ((List<?>) names).stream().map(n -> oldName.equals(n) ? newName : n).collect(Collectors.toList());
        }
        return oldName.equals(names) ? newName : names;
    }
}
