package org.pyrolab.daemon.logs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.pyrolab.daemon.internal.DataFolder;

/**
 * The rotating log files: {@code logs/pyrolabd.log.N} for the daemon and
 * {@code logs/services/NAME.log.N} for each service, where {@code .0} is the current file. Plain
 * files and no framework: the daemon's {@link LogFiles} and the daemon-free {@code pyrolab logs}
 * both read them through this class.
 */
public final class LogFolder {
    private static final long FOLLOW_POLL_MS = 200;

    private final DataFolder folder;
    private final Supplier<Set<String>> configured;

    /** @param configured the names of the configured services, asked when a name has no log and by {@link #clean()} */
    public LogFolder(DataFolder folder, Supplier<Set<String>> configured) {
        this.folder = folder;
        this.configured = configured;
    }

    private Path current(String service) {
        if (service == null) {
            return folder.daemonLog();
        }
        Path file = folder.serviceLog(service);
        if (!Files.exists(file) && !configured.get().contains(service)) {
            throw new IllegalArgumentException("there is no service `" + service + "` and no log of that name");
        }
        return file;
    }

    public List<String> tail(String service, int lines) throws IOException {
        Path file = current(service);
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        return all.subList(Math.max(0, all.size() - lines), all.size());
    }

    public void follow(String service, Consumer<String> sink) throws IOException, InterruptedException {
        Path file = current(service);
        long position = Files.exists(file) ? Files.size(file) : 0;
        StringBuilder partial = new StringBuilder();
        while (!Thread.currentThread().isInterrupted()) {
            long size = Files.exists(file) ? Files.size(file) : 0;
            if (size < position) {
                position = 0; // rotated or cleaned: start over with the new file
            }
            if (size > position) {
                try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                    in.seek(position);
                    byte[] chunk = new byte[(int) Math.min(size - position, 1 << 20)];
                    in.readFully(chunk);
                    position += chunk.length;
                    partial.append(new String(chunk, StandardCharsets.UTF_8));
                }
                int newline;
                while ((newline = partial.indexOf("\n")) >= 0) {
                    sink.accept(partial.substring(0, newline));
                    partial.delete(0, newline + 1);
                }
            }
            Thread.sleep(FOLLOW_POLL_MS);
        }
        throw new InterruptedException();
    }

    public long export(Path target) throws IOException {
        List<String[]> entries = new ArrayList<>(); // {timestamp, text}
        for (Path file : allFiles()) {
            String source = folder.logs().relativize(file).toString();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                boolean startsEntry = line.length() > 23 && Character.isDigit(line.charAt(0)) && line.charAt(10) == 'T';
                if (startsEntry || entries.isEmpty()) {
                    entries.add(new String[] {startsEntry ? line.substring(0, 23) : "", line + "  [" + source + "]"});
                } else {
                    String[] last = entries.get(entries.size() - 1);
                    last[1] = last[1] + "\n" + line; // a stack trace line belongs to the entry above
                }
            }
        }
        entries.sort(Comparator.comparing(e -> e[0])); // stable: equal times keep file order
        Files.writeString(target, entries.stream().map(e -> e[1]).collect(Collectors.joining("\n", "", "\n")), StandardCharsets.UTF_8);
        return entries.size();
    }

    public int clean() throws IOException {
        Set<String> configured = this.configured.get();
        int count = 0;
        for (Path file : allFiles()) {
            String name = file.getFileName().toString();
            boolean currentFile = name.endsWith(".log.0");
            boolean service = file.getParent().getFileName().toString().equals("services");
            String serviceName = service ? name.substring(0, name.lastIndexOf(".log.")) : null;
            if (currentFile && (!service || configured.contains(serviceName))) {
                // still being written: empty it in place (the writer appends, so it carries on at the start)
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(0);
                }
            } else {
                Files.delete(file);
            }
            count++;
        }
        return count;
    }

    /** Every log file, oldest rotation first within each log. */
    private List<Path> allFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path d : List.of(folder.logs(), folder.serviceLogs())) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(d, p -> p.getFileName().toString().matches(".*\\.log\\.\\d+"))) {
                stream.forEach(files::add);
            }
        }
        files.sort(Comparator.comparing((Path p) -> p.getParent().toString()).thenComparing(p -> p.getFileName().toString(), Comparator.reverseOrder()));
        return files;
    }
}
