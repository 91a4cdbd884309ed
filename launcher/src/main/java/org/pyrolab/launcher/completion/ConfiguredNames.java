package org.pyrolab.launcher.completion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The names of the services, endpoints ({@code daemons:}) and nameservers in a configuration
 * file, for completion. The command's JVM has no YAML parser (that lives in the daemon), and a
 * completion must be quick and never fail loudly, so this reads the block-style keys directly:
 * the first indented keys under those top-level sections. A file in flow style or JSON gives no
 * names, which only means nothing is offered.
 */
final class ConfiguredNames {
    private static final Set<String> SECTIONS = Set.of("services", "daemons", "nameservers");

    private ConfiguredNames() {
    }

    /** The names in {@code file}; none when it is missing or unreadable. */
    static List<String> of(Path file) {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    static List<String> parse(List<String> lines) {
        List<String> names = new ArrayList<>();
        boolean inSection = false;
        int indent = -1;
        for (String line : lines) {
            String text = stripComment(line);
            if (text.isBlank()) {
                continue;
            }
            int lineIndent = text.length() - text.stripLeading().length();
            if (lineIndent == 0) {
                String key = key(text);
                inSection = key != null && SECTIONS.contains(key) && text.strip().endsWith(":");
                indent = -1;
                continue;
            }
            if (!inSection) {
                continue;
            }
            if (indent < 0) {
                indent = lineIndent;
            }
            String key = lineIndent == indent ? key(text.strip()) : null;
            if (key != null && !key.isEmpty()) {
                names.add(key);
            }
        }
        return names;
    }

    /** The key of a {@code key: ...} line, unquoted, or null if the line is not one. */
    private static String key(String text) {
        String t = text.strip();
        if (t.startsWith("-")) {
            return null;
        }
        if (t.startsWith("\"") || t.startsWith("'")) {
            int end = t.indexOf(t.charAt(0), 1);
            return end > 0 && t.startsWith(":", end + 1) ? t.substring(1, end) : null;
        }
        int colon = t.indexOf(": ");
        if (colon < 0 && t.endsWith(":")) {
            colon = t.length() - 1;
        }
        return colon > 0 ? t.substring(0, colon).strip() : null;
    }

    private static String stripComment(String line) {
        // a comment starts with # at the line's start or after a blank; names never contain one
        int hash = line.startsWith("#") ? 0 : line.indexOf(" #");
        return hash < 0 ? line : line.substring(0, hash);
    }
}
