package org.pyrolab.pyro5.ns;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Entries kept on disk, so they survive a restart: a snapshot and an append-only journal, next
 * to each other.
 *
 * <ul>
 * <li>{@code names.json} (the path given): the snapshot, a JSON array of entries, one per line:
 * {@code {"name":"asgard.laser1","uri":"PYRO:...","metadata":["laser"]}}. Older versions wrote the
 * whole table in this format on every change; such a file still loads.</li>
 * <li>{@code names.json.journal}: the changes since the snapshot, one JSON object per line:
 * {@code {"op":"put","name":...,"uri":...,"metadata":[...]}} or {@code {"op":"remove","name":...}}.</li>
 * </ul>
 *
 * <p>A change appends one line to the journal (one write, handed to the operating system before
 * the change is acknowledged, not forced to the disk) instead of rewriting the table. When the
 * journal holds more than {@code 2 × entries + 1000} records, the snapshot is rewritten (into
 * {@code names.json.tmp}, forced to disk, then renamed over the old one atomically) and the journal
 * emptied, so the files stay proportional to the entries and the cost of a change stays constant
 * on average.
 *
 * <p>Loading reads the snapshot, then replays the journal. A last line cut short (the process
 * stopped in the middle of an append) is ignored with a warning and cut off; any other unreadable
 * line fails the load. Each record sets or clears one name, so replaying is idempotent: a crash
 * between the snapshot's rename and the journal's truncation loses nothing. A crash of the process
 * loses no acknowledged change; a power loss may lose the last ones. Non-ASCII characters are
 * written as {@code \\u} escapes, so any Java string, even a lone surrogate, comes back unchanged.
 * One process at a time may use the files.
 */
public final class FileNameStore implements NameStore {

    private static final System.Logger LOG = System.getLogger(FileNameStore.class.getName());
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final TypeReference<List<NameEntry>> ENTRIES = new TypeReference<>() {
    };
    /** Journal records allowed beyond twice the entries before the snapshot is rewritten. */
    static final int COMPACT_SLACK = 1000;

    private final Path file;
    private final Path journal;
    private final Path tmp;
    private final MemoryNameStore memory = new MemoryNameStore();
    /** The journal, open for appending; null until the first change and after close(). */
    private FileChannel out;
    private long journalRecords;
    private long journalBytes;
    /** After a failed compaction, the next try waits until the journal has grown this far. */
    private long retryCompactionAt;

    /** Loads {@code file} and its journal if they exist; the folder is created on the first write. */
    public FileNameStore(Path file) throws IOException {
        this.file = file;
        String name = file.getFileName().toString();
        this.journal = file.resolveSibling(name + ".journal");
        this.tmp = file.resolveSibling(name + ".tmp");
        Files.deleteIfExists(tmp); // a compaction that did not finish; the snapshot and journal are whole
        if (Files.exists(file)) {
            try {
                for (NameEntry e : JSON.readValue(file.toFile(), ENTRIES)) {
                    memory.put(e);
                }
            } catch (IOException e) {
                throw new IOException("cannot read name server storage " + file + ": " + e.getMessage(), e);
            }
        }
        replay();
        synchronized (this) {
            maybeCompact();
        }
    }

    /** The snapshot file. */
    public Path file() {
        return file;
    }

    /** The journal file, next to the snapshot. */
    public Path journal() {
        return journal;
    }

    /** How many records the journal holds now. */
    public synchronized long journalRecords() {
        return journalRecords;
    }

    @Override
    public NameEntry get(String name) {
        return memory.get(name);
    }

    @Override
    public synchronized void put(NameEntry entry) {
        ObjectNode r = JSON.createObjectNode();
        r.put("op", "put");
        r.put("name", entry.name());
        r.put("uri", entry.uri());
        ArrayNode meta = r.putArray("metadata");
        entry.metadata().stream().sorted().forEach(meta::add);
        append(r);
        memory.put(entry);
        maybeCompact();
    }

    @Override
    public synchronized boolean remove(String name) {
        if (memory.get(name) == null) {
            return false;
        }
        ObjectNode r = JSON.createObjectNode();
        r.put("op", "remove");
        r.put("name", name);
        append(r);
        memory.remove(name);
        maybeCompact();
        return true;
    }

    @Override
    public List<NameEntry> all() {
        return memory.all();
    }

    @Override
    public int size() {
        return memory.size();
    }

    @Override
    public List<NameEntry> withPrefix(String prefix) {
        return memory.withPrefix(prefix);
    }

    /** Closes the journal; a later change opens it again. */
    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.force(false);
                out.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "closing name server storage {0}: {1}", journal, e.getMessage());
            }
            out = null;
        }
    }

    /** Rewrites the snapshot and empties the journal now. */
    public synchronized void compact() throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp))) {
            os.write('[');
            boolean first = true;
            for (NameEntry e : memory.all()) {
                os.write(first ? '\n' : ',');
                if (!first) {
                    os.write('\n');
                }
                first = false;
                os.write(JSON.writeValueAsBytes(e));
            }
            os.write('\n');
            os.write(']');
            os.write('\n');
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory(dir);
        channel().truncate(0);
        journalBytes = 0;
        journalRecords = 0;
    }

    private void maybeCompact() {
        if (journalRecords <= 2L * memory.size() + COMPACT_SLACK || journalRecords < retryCompactionAt) {
            return;
        }
        try {
            compact();
            retryCompactionAt = 0;
        } catch (IOException e) {
            // the journal is still whole: carry on with it, and try again a while later
            retryCompactionAt = journalRecords + COMPACT_SLACK;
            LOG.log(Level.WARNING, "cannot rewrite name server storage {0} (the journal keeps growing): {1}", file,
                    e.getMessage());
        }
    }

    /** Appends one record as one line; on failure nothing of it is left behind. */
    private void append(ObjectNode record) {
        byte[] line;
        try {
            byte[] json = JSON.writeValueAsBytes(record);
            line = Arrays.copyOf(json, json.length + 1);
            line[json.length] = '\n';
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write name server storage " + journal + ": " + e.getMessage(), e);
        }
        try {
            FileChannel ch = channel();
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            journalBytes += line.length;
            journalRecords++;
        } catch (IOException e) {
            try {
                if (out != null) {
                    out.truncate(journalBytes); // no half record for the next append to run into
                }
            } catch (IOException ignored) {
                // the load will cut a torn tail off
            }
            throw new UncheckedIOException("cannot write name server storage " + journal + ": " + e.getMessage(), e);
        }
    }

    private FileChannel channel() throws IOException {
        if (out == null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            out = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            journalBytes = out.size();
        }
        return out;
    }

    /** Reads the journal into memory; cuts off a torn last line. */
    private void replay() throws IOException {
        if (!Files.exists(journal)) {
            return;
        }
        long valid = 0;
        long pos = 0;
        int lineNo = 0;
        String badLine = null;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(journal), 1 << 16)) {
            int b;
            while ((b = in.read()) != -1) {
                pos++;
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                lineNo++;
                if (badLine != null) {
                    throw new IOException("cannot read name server storage " + journal + ": " + badLine);
                }
                try {
                    apply(JSON.readTree(line.toByteArray()));
                    valid = pos;
                    journalRecords++;
                } catch (IOException | IllegalArgumentException e) {
                    badLine = "line " + lineNo + ": " + e.getMessage(); // fatal unless it is the last line
                }
                line.reset();
            }
        }
        if (valid < pos) {
            LOG.log(Level.WARNING, "name server storage {0}: ignored a torn last record ({1} bytes); the process "
                    + "probably stopped while writing it", journal, pos - valid);
            try (FileChannel ch = FileChannel.open(journal, StandardOpenOption.WRITE)) {
                ch.truncate(valid);
            }
        }
        journalBytes = valid;
    }

    private void apply(JsonNode r) {
        if (r == null || !r.isObject()) {
            throw new IllegalArgumentException("not a record");
        }
        String op = r.path("op").asText("");
        JsonNode name = r.get("name");
        if (name == null || !name.isTextual()) {
            throw new IllegalArgumentException("a record without a name");
        }
        switch (op) {
            case "put" -> {
                JsonNode uri = r.get("uri");
                if (uri == null || !uri.isTextual()) {
                    throw new IllegalArgumentException("a put record without a uri");
                }
                Set<String> meta = new LinkedHashSet<>();
                r.path("metadata").forEach(m -> meta.add(m.asText()));
                memory.put(new NameEntry(name.asText(), uri.asText(), meta));
            }
            case "remove" -> memory.remove(name.asText());
            default -> throw new IllegalArgumentException("unknown record " + op);
        }
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true); // makes the rename durable where the platform allows it
        } catch (IOException | UnsupportedOperationException e) {
            // not possible everywhere (Windows); the rename itself is still atomic
        }
    }
}
