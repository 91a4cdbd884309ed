package org.pyrolab.pyro5.ns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The file store: snapshot plus journal, restart, torn last line, compaction. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FileNameStoreTest {

    @TempDir
    Path dir;

    private static Map<String, NameEntry> content(NameStore store) {
        Map<String, NameEntry> m = new TreeMap<>();
        store.all().forEach(e -> m.put(e.name(), e));
        return m;
    }

    private static long lines(Path file) throws IOException {
        try (Stream<String> s = Files.lines(file)) {
            return s.count();
        }
    }

    @Test
    void manyPutsAndRemovesComeBackAfterARestart() throws Exception {
        Path file = dir.resolve("ns/names.json");
        Map<String, NameEntry> model = new TreeMap<>();
        Random random = new Random(42);
        try (FileNameStore store = new FileNameStore(file)) {
            for (int i = 0; i < 5000; i++) {
                String name = "n" + random.nextInt(300);
                if (random.nextInt(3) == 0) {
                    assertEquals(model.remove(name) != null, store.remove(name));
                } else {
                    NameEntry e = new NameEntry(name, "PYRO:o" + i + "@127.0.0.1:" + (1 + i),
                            random.nextBoolean() ? Set.of("m" + i, "x") : Set.of());
                    store.put(e);
                    model.put(name, e);
                }
            }
            assertEquals(model, content(store));
            assertEquals(model.size(), store.size());
        }
        FileNameStore again = new FileNameStore(file);
        assertEquals(model, content(again));
        assertEquals(model.size(), again.size());
        again.close();
    }

    @Test
    void aChangeAppendsOneLineAndDoesNotRewriteTheSnapshot() throws Exception {
        Path file = dir.resolve("names.json");
        try (FileNameStore store = new FileNameStore(file)) {
            store.put(new NameEntry("a", "PYRO:a@127.0.0.1:1", Set.of("m")));
            store.put(new NameEntry("b", "PYRO:b@127.0.0.1:1", null));
            assertTrue(store.remove("a"));
            assertFalse(store.remove("a"), "nothing to remove: nothing written");
            assertFalse(Files.exists(file), "no snapshot before the first compaction");
            assertEquals(3, lines(store.journal()));
            assertEquals(3, store.journalRecords());
            List<String> journal = Files.readAllLines(store.journal());
            assertEquals("{\"op\":\"put\",\"name\":\"a\",\"uri\":\"PYRO:a@127.0.0.1:1\",\"metadata\":[\"m\"]}", journal.get(0));
            assertEquals("{\"op\":\"remove\",\"name\":\"a\"}", journal.get(2));
        }
    }

    @Test
    void aTornLastLineIsIgnoredAndCutOff() throws Exception {
        Path file = dir.resolve("names.json");
        FileNameStore store = new FileNameStore(file);
        store.put(new NameEntry("kept", "PYRO:kept@127.0.0.1:1", Set.of("m")));
        store.put(new NameEntry("also", "PYRO:also@127.0.0.1:1", null));
        store.close();
        Path journal = store.journal();
        // the process stopped in the middle of appending a record
        Files.writeString(journal, "{\"op\":\"put\",\"name\":\"half\",\"ur", StandardOpenOption.APPEND);

        FileNameStore reopened = new FileNameStore(file);
        assertEquals(Set.of("also", "kept"), content(reopened).keySet());
        assertEquals(Set.of("m"), reopened.get("kept").metadata());
        assertEquals(2, lines(journal), "the torn tail is cut off");
        // the next record starts on a line of its own
        reopened.put(new NameEntry("after", "PYRO:after@127.0.0.1:1", null));
        reopened.close();
        assertEquals(Set.of("after", "also", "kept"), content(new FileNameStore(file)).keySet());
    }

    @Test
    void aCompleteButUnreadableLastLineIsTornToo() throws Exception {
        Path file = dir.resolve("names.json");
        try (FileNameStore store = new FileNameStore(file)) {
            store.put(new NameEntry("kept", "PYRO:kept@127.0.0.1:1", null));
        }
        Files.writeString(dir.resolve("names.json.journal"), "\u0000\u0000\n", StandardOpenOption.APPEND);
        try (FileNameStore reopened = new FileNameStore(file)) {
            assertEquals(Set.of("kept"), content(reopened).keySet());
        }
    }

    @Test
    void anUnreadableLineInTheMiddleFailsTheLoad() throws Exception {
        Path file = dir.resolve("names.json");
        try (FileNameStore store = new FileNameStore(file)) {
            store.put(new NameEntry("a", "PYRO:a@127.0.0.1:1", null));
        }
        Path journal = dir.resolve("names.json.journal");
        Files.writeString(journal, "garbage\n{\"op\":\"remove\",\"name\":\"a\"}\n", StandardOpenOption.APPEND);
        IOException e = assertThrows(IOException.class, () -> new FileNameStore(file));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void compactionBoundsTheFiles() throws Exception {
        Path file = dir.resolve("names.json");
        int entries = 50;
        long bound = 2L * entries + FileNameStore.COMPACT_SLACK;
        try (FileNameStore store = new FileNameStore(file)) {
            for (int i = 0; i < 20_000; i++) {
                store.put(new NameEntry("n" + (i % entries), "PYRO:o" + i + "@127.0.0.1:1", null));
                assertTrue(store.journalRecords() <= bound, "journal records " + store.journalRecords());
            }
            assertTrue(Files.exists(file), "compacted at least once");
            assertTrue(lines(store.journal()) <= bound);
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(Set.of("names.json", "names.json.journal"),
                        Set.copyOf(files.map(p -> p.getFileName().toString()).toList()), "no temporary files left");
            }
            assertTrue(Files.size(file) < 200L * entries, "the snapshot holds the entries, not the history");
            assertTrue(Files.size(store.journal()) < 200L * bound);
        }
        FileNameStore again = new FileNameStore(file);
        assertEquals(entries, again.size());
        assertEquals("PYRO:o19999@127.0.0.1:1", again.get("n" + (19_999 % entries)).uri());
        again.close();
    }

    @Test
    void theOlderWholeTableFormatStillLoads() throws Exception {
        Path file = dir.resolve("names.json");
        Files.writeString(file, """
                [ {
                  "name" : "old",
                  "uri" : "PYRO:old@127.0.0.1:1",
                  "metadata" : [ "m" ]
                } ]""");
        try (FileNameStore store = new FileNameStore(file)) {
            assertEquals(new NameEntry("old", "PYRO:old@127.0.0.1:1", Set.of("m")), store.get("old"));
            store.compact();
        }
        try (FileNameStore store = new FileNameStore(file)) {
            assertEquals(Set.of("m"), store.get("old").metadata());
        }
    }

    @Test
    void anyJavaStringRoundTrips() throws Exception {
        Path file = dir.resolve("names.json");
        String odd = "lab.\u00e9\u6f22\ud83d\ude00.\ud800.line\nbreak\u2028";
        try (FileNameStore store = new FileNameStore(file)) {
            store.put(new NameEntry(odd, "PYRO:o@127.0.0.1:1", Set.of(odd)));
            store.put(new NameEntry("plain", "PYRO:p@127.0.0.1:1", null));
        }
        assertEquals(2, lines(dir.resolve("names.json.journal")), "one record per line, whatever the name");
        try (FileNameStore store = new FileNameStore(file)) {
            assertEquals(Set.of(odd), store.get(odd).metadata());
            store.compact();
        }
        String snapshot = Files.readString(file, StandardCharsets.US_ASCII);
        assertTrue(snapshot.chars().allMatch(c -> c < 0x80), "non-ASCII is escaped");
        try (FileNameStore store = new FileNameStore(file)) {
            assertEquals(Set.of(odd, "plain"), content(store).keySet());
        }
    }

    @Test
    void aNameServerOnTheFileStoreKeepsItsNamesAcrossHosts() throws Exception {
        Path file = dir.resolve("ns/names.json");
        NameServerConfig config = NameServerConfig.defaults()
                .withServer(org.pyrolab.pyro5.server.PyroServerConfig.defaults().withPort(0));
        try (NameServerHost first = new NameServerHost(config, new FileNameStore(file), u -> false)) {
            first.start();
            for (int i = 0; i < 500; i++) {
                first.nameServer().register("n" + i, "PYRO:o" + i + "@127.0.0.1:1", false, Set.of("m"), false);
            }
            assertEquals(250, first.nameServer().remove(null, null, "n[0-9]*[02468]$"));
        }
        try (NameServerHost second = new NameServerHost(config, new FileNameStore(file), u -> false)) {
            second.start();
            assertEquals(251, second.nameServer().count());
            assertEquals(250, second.nameServer().list("n", null, null).size());
            assertEquals(second.uri(), second.nameServer().lookup(NameServer.OBJECT_ID, false));
        }
    }
}
