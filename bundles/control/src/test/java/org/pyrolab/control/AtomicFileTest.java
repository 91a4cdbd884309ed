package org.pyrolab.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheContentAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("config.yaml");
        Files.writeString(target, "old, and longer than the new content\n");
        AtomicFile.writeString(target, "new\n");
        assertThat(Files.readString(target)).isEqualTo("new\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void createsAMissingFileOwnerOnly() throws IOException {
        Path target = dir.resolve("control.token");
        AtomicFile.write(target, new byte[] {1, 2, 3});
        assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        }
    }

    @Test
    void aFailedPreparationLeavesTheOldFileAndNoTemporary() throws IOException {
        Path target = dir.resolve("lock");
        Files.writeString(target, "old");
        try {
            AtomicFile.write(target, "new".getBytes(StandardCharsets.UTF_8), t -> {
                throw new IOException("no ACL");
            });
        } catch (IOException expected) {
            assertThat(expected).hasMessage("no ACL");
        }
        assertThat(Files.readString(target)).isEqualTo("old");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    /**
     * A child JVM rewrites a file in a loop, alternating two contents of a megabyte each, and is
     * killed (SIGKILL where there are signals) at a random moment, many times over: the file is
     * always one of the two, whole. A plain {@code Files.write} fails this within a few rounds.
     */
    @Test
    void aKilledWriterLeavesTheOldOrTheNewFileWhole() throws Exception {
        Path target = dir.resolve("config.yaml");
        byte[] a = content('a');
        byte[] b = content('b');
        Files.write(target, a);
        for (int round = 0; round < 25; round++) {
            Process child = new ProcessBuilder(javaCommand(), "-cp", System.getProperty("java.class.path"),
                    Writer.class.getName(), target.toString()).redirectErrorStream(true).start();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
                int writes = ThreadLocalRandom.current().nextInt(1, 6);
                for (int i = 0; i < writes; i++) {
                    String line = lines.readLine();
                    assertThat(line).as("the writer's report").isEqualTo("written");
                }
                child.destroyForcibly(); // in the middle of the next write, or close to it
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                child.destroyForcibly();
            }
            byte[] now = Files.readAllBytes(target);
            assertThat(Arrays.equals(now, a) || Arrays.equals(now, b))
                    .as("round %d: the file is one of the two contents, whole (it has %d bytes)", round, now.length).isTrue();
        }
    }

    private static byte[] content(char c) {
        byte[] bytes = new byte[1 << 20];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }

    private static String javaCommand() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The child: rewrites the file with a, b, a, b, ... and says so after each write. */
    public static final class Writer {
        public static void main(String[] args) throws IOException {
            Path target = Paths.get(args[0]);
            List<byte[]> contents = List.of(content('a'), content('b'));
            for (int i = 0; ; i++) {
                AtomicFile.write(target, contents.get(i % 2));
                System.out.println("written");
                System.out.flush();
            }
        }
    }
}
