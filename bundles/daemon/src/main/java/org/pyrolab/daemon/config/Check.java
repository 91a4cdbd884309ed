package org.pyrolab.daemon.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Problems found so far, and typed access that records a problem instead of failing. */
final class Check {
    final String file;
    final YamlTree tree;
    final List<Problem> problems = new ArrayList<>();

    Check(String file, YamlTree tree) {
        this.file = file;
        this.tree = tree;
    }

    boolean ok() {
        return problems.stream().noneMatch(Problem::error);
    }

    void error(String path, String message) {
        problems.add(new Problem(true, file, tree.line(path), path, message));
    }

    void warning(String path, String message) {
        problems.add(new Problem(false, file, tree.line(path), path, message));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(Object node, String path) {
        if (node instanceof Map) {
            return (Map<String, Object>) node;
        }
        error(path, "expected a mapping of `key: value` lines, not `" + node + "`");
        return null;
    }

    /** The named entries of a section such as {@code services}. */
    Map<String, Map<String, Object>> entries(Map<String, Object> top, String section) {
        Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
        Object node = top.get(section);
        if (node == null) {
            return entries;
        }
        Map<String, Object> map = map(node, section);
        if (map != null) {
            map.forEach((name, body) -> {
                Names.problem(name).ifPresent(problem -> error(section + "." + name, "`" + name + "` cannot be used as a name: " + problem));
                Map<String, Object> entry = body == null ? Map.of() : map(body, section + "." + name);
                if (entry != null) {
                    entries.put(name, entry);
                }
            });
        }
        return entries;
    }

    void keys(Map<String, Object> body, String path, Set<String> allowed) {
        for (String key : body.keySet()) {
            if (!allowed.contains(key)) {
                String at = path.isEmpty() ? key : path + "." + key;
                error(at, "unknown key" + suggest(key, allowed) + "; allowed here: " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    String text(Map<String, Object> body, String path, String key, String fallback) {
        Object value = body.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof String) {
            return (String) value;
        }
        error(path + "." + key, "expected text, not `" + value + "`");
        return fallback;
    }

    /** A host name or IP address for URIs ({@code advertise}), or null when not given. */
    String host(Map<String, Object> body, String path, String key) {
        String value = text(body, path, key, null);
        if (value == null) {
            return null;
        }
        boolean name = value.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");
        boolean ipv6 = value.contains(":") && value.matches("[0-9A-Fa-f:.]+");
        if (!name && !ipv6) {
            error(path + "." + key, "expected the host name or IP address clients reach this at, as `192.168.1.20` or"
                    + " `labpc.example.org`, not `" + value + "`");
            return null;
        }
        return value;
    }

    boolean bool(Map<String, Object> body, String path, String key, boolean fallback) {
        Object value = body.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        error(path + "." + key, "expected true or false, not `" + value + "`");
        return fallback;
    }

    int integer(Map<String, Object> body, String path, String key, int fallback, int min) {
        Object value = body.get(key);
        if (value == null) {
            return fallback;
        }
        Object n = ParameterValues.convert(value, Integer.class);
        if (n == null || (Integer) n < min) {
            error(path + "." + key, "expected a whole number of at least " + min + ", not `" + value + "`");
            return fallback;
        }
        return (Integer) n;
    }

    int port(Map<String, Object> body, String path, String key, int fallback) {
        int port = integer(body, path, key, fallback, 0);
        if (port > 65535) {
            error(path + "." + key, "a port is at most 65535, not " + port);
        }
        return port;
    }

    double number(Map<String, Object> body, String path, String key, double fallback, double min) {
        Object value = body.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number) || ((Number) value).doubleValue() < min) {
            error(path + "." + key, "expected a number of at least " + min + ", not `" + value + "`");
            return fallback;
        }
        return ((Number) value).doubleValue();
    }

    String choice(Map<String, Object> body, String path, String key, String fallback, String... allowed) {
        String value = text(body, path, key, fallback);
        if (!List.of(allowed).contains(value)) {
            error(path + "." + key, "expected one of " + String.join(", ", allowed) + ", not `" + value + "`");
            return fallback;
        }
        return value;
    }

    /** A list of names, each of which must be an entry of {@code section}. */
    List<String> references(Map<String, Object> body, String path, String key, Set<String> names, String section) {
        Object value = body.get(key);
        if (value == null) {
            return List.of();
        }
        List<?> list = value instanceof List ? (List<?>) value : List.of(value);
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            String at = path + "." + key + (value instanceof List ? "[" + i + "]" : "");
            if (!(item instanceof String)) {
                error(at, "expected a name, not `" + item + "`");
            } else if (!names.contains(item)) {
                error(at, "there is no `" + item + "` under `" + section + ":`" + suggest((String) item, names));
            } else {
                refs.add((String) item);
            }
        }
        return refs;
    }

    /** {@code ; did you mean `driver`?} for a near miss, else nothing. */
    static String suggest(String given, Set<String> candidates) {
        String best = null;
        int bestDistance = 3;
        for (String c : candidates) {
            int d = distance(given.toLowerCase(), c.toLowerCase());
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best == null ? "" : "; did you mean `" + best + "`?";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] cur = new int[b.length() + 1];
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            prev = cur;
        }
        return prev[b.length()];
    }
}
