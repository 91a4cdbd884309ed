package org.pyrolab.daemon.deploy;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

import org.pyrolab.api.dto.DriverDTO;
import org.pyrolab.daemon.deploy.Verdicts.Verdict;

/**
 * The deploy directory read with no framework running, for the daemon-free {@code pyrolab
 * drivers}: the same {@link Verdicts#judge} as {@link DeployDirectory}, on what the files alone
 * tell. A file is seen for the first time now, so its quiet time counts from its modification
 * time, as the daemon counts it for a file it finds at start. A readable bundle jar counts as
 * running: whether its imports resolve and it starts only a framework can tell.
 */
public final class DeployListing {
    private DeployListing() {
    }

    /** The visible files of the directory (as the watcher sees them: no hidden ones), by name; none when it does not exist. */
    public static List<Path> files(Path dir) throws IOException {
        List<Path> list = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return list;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, p -> !p.getFileName().toString().startsWith("."))) {
            files.forEach(list::add);
        }
        list.sort(null);
        return list;
    }

    /** Whether the file is a jar with a bundle's manifest, which the watcher installs. */
    public static boolean isBundle(Path file) {
        return JarFacts.of(file).symbolicName() != null;
    }

    /** The files that do not run, as {@code pyrolab drivers} lists them; {@code now} in ms since the epoch. */
    public static List<DriverDTO> problems(Path dir, long now) throws IOException {
        List<DriverDTO> rows = new ArrayList<>();
        for (Path file : files(dir)) {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (IOException gone) {
                continue;
            }
            long modified = attributes.lastModifiedTime().toMillis();
            boolean quiet = now >= Math.min(now, modified) + Verdicts.QUIET_MS;
            Verdicts.FileFacts facts = JarFacts.of(file);
            Verdict verdict = Verdicts.judge(file.getFileName().toString(), facts, facts.symbolicName() == null ? null : Verdicts.RUNNING, quiet);
            if (verdict.problem() != null) {
                DriverDTO row = new DriverDTO();
                row.file = file.getFileName().toString();
                row.problem = verdict.problem();
                rows.add(row);
            }
        }
        return rows;
    }
}
