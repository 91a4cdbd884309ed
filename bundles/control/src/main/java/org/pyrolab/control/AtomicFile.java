package org.pyrolab.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file so that a reader, or the file after a crash or power loss, sees the old content
 * or the new, whole, never a mix or a part: the bytes go to a temporary file in the same folder
 * (created owner-only on POSIX), are flushed to the disk, and the temporary file is renamed over
 * the target in one step; then the folder itself is flushed, so the rename survives a power loss.
 * A crash before the rename leaves at most a {@code .NAME.*.tmp} file beside the target.
 */
public final class AtomicFile {
    /** Something to do to the temporary file before the bytes go in (an owner-only ACL on Windows). */
    @FunctionalInterface
    public interface Preparation {
        void prepare(Path temporary) throws IOException;
    }

    private AtomicFile() {
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, content, temporary -> { });
    }

    /** Replaces {@code target} with {@code content}; {@code prepare} runs on the empty temporary file first. */
    public static void write(Path target, byte[] content, Preparation prepare) throws IOException {
        Path file = target.toAbsolutePath();
        Path dir = file.getParent();
        // createTempFile makes the file rw------- on POSIX: nobody else sees the content on its way
        Path temporary = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            prepare.prepare(temporary);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(content);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            replace(temporary, file);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        flushFolder(dir);
    }

    /** Replaces {@code target} with a copy of {@code source}, as {@link #write(Path, byte[])}. */
    public static void copy(Path source, Path target) throws IOException {
        write(target, Files.readAllBytes(source));
    }

    private static void replace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // the same folder on every file system we know moves atomically; this is the last resort
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes the rename itself durable; folders cannot be opened on Windows, where NTFS journals the rename. */
    private static void flushFolder(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException notSupported) {
            // the content is safe already; only the rename may be lost with the power, leaving the old file whole
        }
    }
}
