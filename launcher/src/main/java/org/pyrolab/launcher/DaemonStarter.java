package org.pyrolab.launcher;

import org.pyrolab.control.DaemonProperties;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.pyrolab.control.LockFile;

/**
 * {@code pyrolab up}: starts the daemon JVM in the background and returns once it answers on
 * its control port, or says why it could not start. Concurrent {@code up}s of one user are
 * serialized by an OS lock on {@code <data>/up.lock}, so exactly one of them starts a daemon.
 */
final class DaemonStarter {
    static final String JVM_OPTIONS_ENV = "PYROLAB_DAEMON_OPTS";
    private static final String DEFAULT_JVM_OPTIONS = "-Xss512k -Xmx512m -XX:+UseSerialGC -XX:-UsePerfData";
    private static final int ANSWER_TIMEOUT_MS = 3000;
    private static final long START_TIMEOUT_MS = 60_000;
    static final String CONSOLE_FILE = "daemon.out";

    private final Folders folders;
    private final Installation installation;
    private final PrintStream out;

    DaemonStarter(Folders folders, Installation installation, PrintStream out) {
        this.folders = folders;
        this.installation = installation;
        this.out = out;
    }

    /** Starts the daemon; returns its lock record once it answers. */
    LockFile up(boolean force, Path config, boolean verbose) throws IOException, InterruptedException {
        folders.ensureWritable();
        try (FileChannel channel = FileChannel.open(folders.data.resolve("up.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock serialized = lockOrExplain(channel)) {
            clearTheWay(force);
            return spawnAndWait(config, verbose);
        }
    }

    /** Some network shares refuse OS locks: say so instead of running without one. */
    private FileLock lockOrExplain(FileChannel channel) throws IOException {
        try {
            return channel.lock();
        } catch (IOException e) {
            throw new LauncherException("the folder " + folders.data + " does not support file locks (" + e.getMessage()
                    + "); set PYROLAB_HOME to a local folder");
        }
    }

    /**
     * Refuses when a healthy daemon runs; ends a hung one under --force; ignores stale records.
     * Under --force it also ends daemons of this installation and home that left no record (hung
     * before they were ready, or whose record was removed), which would keep a new one out.
     */
    private void clearTheWay(boolean force) throws InterruptedException {
        Optional<LockFile> record = LockFile.read(folders.data);
        Optional<DaemonProcess> holder = record.flatMap(l -> DaemonProcess.of(l.pid))
                .filter(p -> p.isPyroLabDaemonOf(installation.root, folders.data));
        if (holder.isPresent()) {
            LockFile lock = record.get();
            if (new ControlClient(folders.data, lock).answers(ANSWER_TIMEOUT_MS)) {
                throw new LauncherException("PyroLab daemon is already running (pid " + lock.pid + ")");
            }
            if (!force) {
                throw new LauncherException("PyroLab daemon (pid " + lock.pid + ") holds the lock but does not answer on its control port;"
                        + " if it is hung, run `pyrolab up --force` to end it and start a new one");
            }
            end(holder.get());
        }
        // a record whose pid is dead or someone else's: the daemon died without cleaning up (kill -9, power loss)
        if (force) {
            for (DaemonProcess other : DaemonProcess.allOf(installation.root, folders.data)) {
                end(other);
            }
        }
    }

    private void end(DaemonProcess process) throws InterruptedException {
        String how = process.end(5000);
        out.println("Ended unresponsive PyroLab daemon (pid " + process.pid() + ") with " + how + ".");
    }

    private LockFile spawnAndWait(Path config, boolean verbose) throws IOException, InterruptedException {
        Path console = folders.logs().resolve(CONSOLE_FILE);
        Files.createDirectories(console.getParent());
        ProcessBuilder builder = new ProcessBuilder(command(config, verbose))
                .directory(folders.data.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File(isWindows() ? "NUL" : "/dev/null")))
                .redirectOutput(console.toFile())
                .redirectErrorStream(true);
        Process process = builder.start();
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new LauncherException(reasonFrom(console, process.exitValue()));
            }
            Optional<LockFile> lock = LockFile.read(folders.data).filter(l -> l.pid == process.pid());
            if (lock.isPresent() && new ControlClient(folders.data, lock.get()).answers(ANSWER_TIMEOUT_MS)) {
                return lock.get();
            }
            Thread.sleep(10);
        }
        process.destroyForcibly();
        throw new LauncherException("the daemon did not answer within " + START_TIMEOUT_MS / 1000 + " s and was ended; see "
                + folders.logs().resolve(DaemonLog.FILE + ".0"));
    }

    private List<String> command(Path config, boolean verbose) {
        List<String> cmd = new ArrayList<>();
        Path setsid = Path.of("/usr/bin/setsid");
        if (Files.isExecutable(setsid)) {
            cmd.add(setsid.toString()); // its own session: closing the terminal does not hang it up
        }
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        String options = System.getenv(JVM_OPTIONS_ENV);
        for (String option : (options == null ? DEFAULT_JVM_OPTIONS : options).trim().split("\\s+")) {
            if (!option.isEmpty()) {
                cmd.add(option);
            }
        }
        if (options == null) {
            cmd.addAll(classDataSharing());
        }
        cmd.add("-Djava.util.logging.manager=" + DaemonLog.Manager.class.getName());
        cmd.add("-D" + DaemonProperties.DATA + "=" + folders.data);
        cmd.add("-D" + DaemonProperties.CONFIG + "=" + folders.config);
        cmd.add("-D" + DaemonProperties.INSTALL + "=" + installation.root);
        if (config != null) {
            cmd.add("-D" + DaemonProperties.START_CONFIG + "=" + config.toAbsolutePath().normalize());
        }
        if (verbose) {
            cmd.add("-D" + DaemonProperties.VERBOSE + "=true");
        }
        cmd.add("-cp");
        cmd.add(installation.classPath());
        cmd.add(DaemonSettings.DAEMON_MAIN);
        return cmd;
    }

    /**
     * Class-data sharing: the first daemon of an installation writes the classes it loaded to an
     * archive under the data folder's cache when it exits, later starts map that archive instead
     * of loading and verifying those classes again. The name holds what the archive depends on, so
     * a new installation or Java makes a new one; a broken archive is ignored by -Xshare:auto.
     */
    private List<String> classDataSharing() {
        String key = installation.root + "|" + System.getProperty("java.home") + "|" + System.getProperty("java.vm.version")
                + "|" + Installation.version() + "|" + installation.classPath();
        Path dir = folders.data.resolve("cache").resolve("cds");
        Path archive = dir.resolve("daemon-" + Integer.toHexString(key.hashCode()) + ".jsa");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return List.of(); // sharing is only a speed-up
        }
        if (Files.isRegularFile(archive)) {
            return List.of("-Xshare:auto", "-XX:SharedArchiveFile=" + archive);
        }
        return List.of("-XX:ArchiveClassesAtExit=" + archive);
    }

    /**
     * The daemon's own words for why it stopped: from the first line it marked for us to the end,
     * since a reason such as a list of configuration errors goes on over several lines.
     */
    private static String reasonFrom(Path console, int exitValue) throws IOException {
        List<String> reasons = new ArrayList<>();
        for (String line : Files.readAllLines(console, StandardCharsets.UTF_8)) {
            if (line.startsWith(DaemonSettings.FATAL_PREFIX)) {
                reasons.add(line.substring(DaemonSettings.FATAL_PREFIX.length()));
            } else if (!reasons.isEmpty()) {
                reasons.add(line);
            }
        }
        while (!reasons.isEmpty() && reasons.get(reasons.size() - 1).isBlank()) {
            reasons.remove(reasons.size() - 1);
        }
        if (reasons.isEmpty()) {
            return "the daemon exited with status " + exitValue + " while starting; see " + console;
        }
        return String.join(System.lineSeparator(), reasons);
    }

    static boolean isWindows() {
        return System.getProperty("os.name").toLowerCase().startsWith("windows");
    }
}
