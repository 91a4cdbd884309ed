package org.pyrolab.pyro5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The protocol engine stays plain Java: no OSGi, DS or PyroLab daemon type in its main code, so
 * the bytes from the network can be read, tested and fuzzed without a framework.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PlainJavaTest {

    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)", Pattern.MULTILINE);
    private static final List<String> ALLOWED = List.of("java.", "javax.net.", "com.fasterxml.jackson.",
            "com.google.re2j.", "org.pyrolab.pyro5.");

    @Test
    void mainCodeImportsOnlyTheJdkJacksonRe2jAndItself() throws IOException {
        List<String> offending = new ArrayList<>();
        int files = 0;
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path p : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                files++;
                String text = Files.readString(p);
                Matcher m = IMPORT.matcher(text);
                while (m.find()) {
                    String imported = m.group(1);
                    boolean ok = ALLOWED.stream().anyMatch(imported::startsWith)
                            || (p.endsWith("package-info.java") && imported.startsWith("org.osgi.annotation."));
                    if (!ok) {
                        offending.add(p + ": " + imported);
                    }
                }
            }
        }
        assertTrue(files > 20, "found " + files + " source files");
        assertEquals(List.of(), offending);
    }
}
