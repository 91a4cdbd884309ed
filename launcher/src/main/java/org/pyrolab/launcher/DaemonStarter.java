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
    /**
     * -Xms32m: the first heap is otherwise 1/64 of the machine's memory, and the start-up's
     * garbage alone fills 70 MB of it before the first collection: 90 MiB idle instead of 71.
     */
    private static final String DEFAULT_JVM_OPTIONS = "-Xss512k -Xms32m -Xmx512m -XX:+UseSerialGC -XX:-UsePerfData";
    private static final int ANSWER_TIMEOUT_MS = 3000;
    private static final long START_TIMEOUT_MS = 60_000;
    static final String CONSOLE_FILE = "daemon.out";
    /** The class-data archive the build ships in {@code lib/}, with its {@code .key}. */
    static final String SHIPPED_ARCHIVE = "daemon.jsa";

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
        Daemon daemon = isWindows() ? Daemon.child(command(config, verbose), folders.data, console)
                : Daemon.detached(command(config, verbose), folders.data, console);
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!daemon.isAlive()) {
                throw new LauncherException(reasonFrom(console));
            }
            Optional<LockFile> lock = LockFile.read(folders.data).filter(l -> l.pid == daemon.pid);
            if (lock.isPresent() && new ControlClient(folders.data, lock.get()).answers(ANSWER_TIMEOUT_MS)) {
                return lock.get();
            }
            Thread.sleep(10);
        }
        ProcessHandle.of(daemon.pid).ifPresent(ProcessHandle::destroyForcibly);
        throw new LauncherException("the daemon did not answer within " + START_TIMEOUT_MS / 1000 + " s and was ended; see "
                + folders.logs().resolve(DaemonLog.FILE + ".0"));
    }

    /** The daemon's process as {@code up} sees it while waiting for it to answer. */
    private static final class Daemon {
        final long pid;
        private final Process child;

        private Daemon(long pid, Process child) {
            this.pid = pid;
            this.child = child;
        }

        /** Windows: the daemon is our child; it outlives us as a detached process does there. */
        static Daemon child(List<String> command, Path data, Path console) throws IOException {
            Process process = new ProcessBuilder(command).directory(data.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("NUL")))
                    .redirectOutput(console.toFile()).redirectErrorStream(true).start();
            return new Daemon(process.pid(), process);
        }

        /**
         * Unix: a shell starts the daemon in the background and exits at once, printing its pid.
         * The daemon must not be our child: while a child runs, the JDK keeps a thread waiting
         * for it in native code, and a JVM that exits with such a thread waits up to 0.3 s for it
         * (HotSpot's VM_Exit), which every {@code up} would pay.
         */
        static Daemon detached(List<String> command, Path data, Path console) throws IOException, InterruptedException {
            // the console's path comes as a variable, never inside the script, and the daemon does not inherit it
            List<String> shell = new ArrayList<>(List.of("/bin/sh", "-c", "c=$PYROLAB_CONSOLE; unset PYROLAB_CONSOLE; \"$@\" </dev/null >\"$c\" 2>&1 & echo $!", "sh"));
            shell.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(shell).directory(data.toFile()).redirectErrorStream(true);
            builder.environment().put("PYROLAB_CONSOLE", console.toString());
            Process sh = builder.start();
            String said = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            sh.waitFor();
            try {
                return new Daemon(Long.parseLong(said), null);
            } catch (NumberFormatException e) {
                throw new LauncherException("could not start the daemon: /bin/sh said " + (said.isEmpty() ? "nothing" : said));
            }
        }

        /** Alive and not a zombie: an exited daemon is reaped by whoever adopted it, maybe late. */
        boolean isAlive() {
            return child != null ? child.isAlive() : DaemonProcess.of(pid).isPresent();
        }
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
     * Class-data sharing: the daemon maps an archive of the classes a daemon loads instead of
     * loading and verifying them again. The build ships one in {@code lib/} (made by a training
     * {@code up}/{@code down} at package time) for the installation where it was built; elsewhere
     * (a moved installation, another Java) the first daemon writes one to the data folder's cache
     * when it exits and later starts map that. An archive records what it depends on in a
     * {@code .key} file beside it; a broken one is ignored by -Xshare:auto.
     */
    private List<String> classDataSharing() {
        String key = installation.root + "|" + System.getProperty("java.home") + "|" + System.getProperty("java.vm.version")
                + "|" + Installation.version() + "|" + installation.classPath();
        // the JVM's remarks about classes it cannot archive would end up in `up`'s error messages
        String quiet = "-Xlog:cds*=off";
        Path shipped = installation.lib().resolve(SHIPPED_ARCHIVE);
        if (Files.isRegularFile(shipped) && key.equals(readKey(shipped))) {
            return List.of("-Xshare:auto", "-XX:SharedArchiveFile=" + shipped, quiet);
        }
        Path dir = folders.data.resolve("cache").resolve("cds");
        Path archive = dir.resolve("daemon-" + Integer.toHexString(key.hashCode()) + ".jsa");
        try {
            Files.createDirectories(dir);
            if (Files.isRegularFile(archive)) {
                return List.of("-Xshare:auto", "-XX:SharedArchiveFile=" + archive, quiet);
            }
            Files.writeString(keyFile(archive), key, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of(); // sharing is only a speed-up
        }
        return List.of("-XX:ArchiveClassesAtExit=" + archive, quiet);
    }

    private static Path keyFile(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".key");
    }

    private static String readKey(Path archive) {
        try {
            return Files.readString(keyFile(archive), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The daemon's own words for why it stopped: from the first line it marked for us to the end,
     * since a reason such as a list of configuration errors goes on over several lines.
     */
    private static String reasonFrom(Path console) throws IOException {
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
            return "the daemon exited while starting; see " + console;
        }
        return String.join(System.lineSeparator(), reasons);
    }

    static boolean isWindows() {
        return System.getProperty("os.name").toLowerCase().startsWith("windows");
    }
}
