package org.pyrolab.archtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 11, item 5: no class over 300 lines without a written reason. The reasons are in
 * {@code large-classes.txt} beside this test, one line per class ({@code Name: reason}); an
 * entry for a class that has shrunk or gone fails too, so the list stays true.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClassSizeTest {
    static final int MAX_LINES = 300;

    @Test
    void noClassOver300LinesWithoutAReason() throws IOException {
        Path root = Path.of(System.getProperty("pyrolab.root", "../..")).toRealPath();
        Map<String, Long> large = new TreeMap<>();
        int files = 0;
        for (Path sources : List.of(root.resolve("bundles"), root.resolve("launcher"))) {
            try (Stream<Path> walk = Files.walk(sources)) {
                for (Path file : (Iterable<Path>) walk.filter(ClassSizeTest::isMainSource)::iterator) {
                    files++;
                    long lines;
                    try (Stream<String> text = Files.lines(file, StandardCharsets.UTF_8)) {
                        lines = text.count();
                    }
                    if (lines > MAX_LINES) {
                        large.put(file.getFileName().toString().replace(".java", ""), lines);
                    }
                }
            }
        }
        assertThat(files).as("main sources found under " + root).isGreaterThan(100);
        Map<String, String> reasons = reasons();
        List<String> problems = new ArrayList<>();
        large.forEach((name, lines) -> {
            if (!reasons.containsKey(name)) {
                problems.add(name + " has " + lines + " lines: split it, or say why not in large-classes.txt");
            }
        });
        reasons.keySet().stream().filter(name -> !large.containsKey(name))
                .forEach(name -> problems.add(name + " is in large-classes.txt but not over " + MAX_LINES + " lines: remove the entry"));
        assertThat(problems).isEmpty();
    }

    private static boolean isMainSource(Path file) {
        String path = file.toString().replace('\\', '/');
        return path.contains("/src/main/java/") && path.endsWith(".java") && !path.endsWith("package-info.java");
    }

    private static Map<String, String> reasons() throws IOException {
        Map<String, String> reasons = new TreeMap<>();
        try (InputStream in = ClassSizeTest.class.getResourceAsStream("large-classes.txt")) {
            assertThat(in).as("large-classes.txt").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                assertThat(colon).as("'Name: reason' in " + line).isPositive();
                assertThat(line.substring(colon + 1).trim()).as("the reason for " + line).isNotEmpty();
                reasons.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return reasons;
    }
}
