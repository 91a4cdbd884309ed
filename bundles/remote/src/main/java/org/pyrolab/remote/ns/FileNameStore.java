package org.pyrolab.remote.ns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Entries kept in a JSON file, so they survive a restart. Every change rewrites the file through
 * a temporary file and a rename, so a crash leaves the old or the new content, never half.
 */
public final class FileNameStore implements NameStore {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final TypeReference<List<NameEntry>> ENTRIES = new TypeReference<>() {
    };

    private final Path file;
    private final MemoryNameStore memory = new MemoryNameStore();

    /** Loads {@code file} if it exists; its folder is created on the first write. */
    public FileNameStore(Path file) throws IOException {
        this.file = file;
        if (Files.exists(file)) {
            try {
                for (NameEntry e : JSON.readValue(file.toFile(), ENTRIES)) {
                    memory.put(e);
                }
            } catch (IOException e) {
                throw new IOException("cannot read name server storage " + file + ": " + e.getMessage(), e);
            }
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public NameEntry get(String name) {
        return memory.get(name);
    }

    @Override
    public synchronized void put(NameEntry entry) {
        memory.put(entry);
        save();
    }

    @Override
    public synchronized boolean remove(String name) {
        boolean removed = memory.remove(name);
        if (removed) {
            save();
        }
        return removed;
    }

    @Override
    public List<NameEntry> all() {
        return memory.all();
    }

    private void save() {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            JSON.writeValue(tmp.toFile(), memory.all());
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write name server storage " + file, e);
        }
    }
}
