package org.pyrolab.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.pyrolab.control.ControlChannel;
import org.pyrolab.control.ControlChannel.Frame;
import org.pyrolab.control.ControlChannel.Hello;
import org.pyrolab.control.LockFile;

/**
 * Runs the built installation's {@code bin/pyrolab} as a real process in a temporary
 * {@code PYROLAB_HOME} of its own, and cleans up after itself: {@link #close()} stops the
 * daemon, then kills whatever still runs for this home.
 */
public final class Pyrolab implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String NOT_RUNNING = "pyrolab: PyroLab daemon is not running; start it with `pyrolab up`";

    /** The installation under test; failsafe passes it, a run from an IDE finds it from the module folder. */
    static final Path INSTALLATION = Paths.get(System.getProperty("pyrolab.installation", "target/pyrolab")).toAbsolutePath();

    public final Path root;
    public final Path home;
    private final Map<String, String> extraEnv = new java.util.HashMap<>();
    /** Put before every command, such as {@code ip netns exec lab1} to run on another "computer". */
    private final List<String> prefix = new ArrayList<>();
    private final List<Process> helpers = new ArrayList<>();

    public Pyrolab() throws IOException {
        this(null);
    }

    /** {@code home} relative to the temporary root, or null for {@code <root>/home}, created. */
    public Pyrolab(String homeBelowRoot) throws IOException {
        assertThat(INSTALLATION.resolve("bin/pyrolab")).as("built installation").isExecutable();
        root = Files.createTempDirectory("pyrolab-e2e-").toRealPath();
        if (homeBelowRoot == null) {
            home = Files.createDirectory(root.resolve("home"));
        } else {
            home = root.resolve(homeBelowRoot);
        }
    }

    /** One finished command. */
    public static final class Result {
        public final int exit;
        public final String out;
        public final String err;

        public Result(int exit, String out, String err) {
            this.exit = exit;
            this.out = out;
            this.err = err;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
        }
    }

    public Result run(String... args) {
        return runWithInput(null, args);
    }

    /** Runs {@code pyrolab args} with {@code stdin} (or none) and waits for it, at most {@link #TIMEOUT}. */
    public Result runWithInput(String stdin, String... args) {
        try {
            return await(start(stdin, args));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A running {@code pyrolab} command whose output goes to files of its own. */
    public final class Command {
        public final Process process;
        public final Path out;
        public final Path err;

        Command(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }
    }

    /** Runs every later command through {@code command} (for example a network namespace's {@code ip netns exec NAME}). */
    public Pyrolab through(List<String> command) {
        prefix.clear();
        prefix.addAll(command);
        return this;
    }

    /** Sets an environment variable for every later command, such as a PATH without some tool. */
    public Pyrolab env(String name, String value) {
        extraEnv.put(name, value);
        return this;
    }

    public Command start(String stdin, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(INSTALLATION.resolve("bin/pyrolab").toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(root, "out", ".txt");
        Path err = Files.createTempFile(root, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(cmd).directory(root.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("PYROLAB_HOME", home.toString());
        builder.environment().put("PYROLAB_ALLOW_ROOT", "1"); // suites may run as root; RootWarningIT checks the warning
        builder.environment().putAll(extraEnv);
        if (stdin == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process process = builder.start();
        if (stdin != null) {
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        return new Command(process, out, err);
    }

    public Result await(Command command) throws IOException {
        try {
            if (!command.process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                command.process.descendants().forEach(ProcessHandle::destroyForcibly);
                command.process.destroyForcibly();
                throw new AssertionError("pyrolab did not finish within " + TIMEOUT + "; stdout so far:\n"
                        + Files.readString(command.out) + "\nstderr:\n" + Files.readString(command.err));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return new Result(command.process.exitValue(), Files.readString(command.out), Files.readString(command.err));
    }

    /** Starts the daemon and returns its pid; fails the test if {@code up} fails. */
    public long up(String... options) {
        List<String> args = new ArrayList<>(List.of("up"));
        args.addAll(List.of(options));
        Result up = run(args.toArray(String[]::new));
        assertThat(up.exit).as("%s", up).isZero();
        return lock().orElseThrow(() -> new AssertionError("no lockfile after up: " + up)).pid;
    }

    public Optional<LockFile> lock() {
        return LockFile.read(home);
    }

    Path lockFile() {
        return home.resolve(LockFile.NAME);
    }

    public String daemonLog() throws IOException {
        Path log = home.resolve("logs/pyrolabd.log.0");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Live daemon JVMs of this home, found by their command line (the launcher gives them {@code -Dpyrolab.data=HOME}). */
    List<ProcessHandle> daemons() {
        return mine().filter(p -> p.info().commandLine().orElse("").contains("org.pyrolab.launcher.DaemonMain"))
                .collect(Collectors.toList());
    }

    private Stream<ProcessHandle> mine() {
        String marker = root.toString() + "/";
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses().filter(p -> p.pid() != self)
                .filter(p -> p.info().commandLine().orElse("").contains(marker));
    }

    /** A process unrelated to PyroLab, ended by {@link #close()}. */
    Process helper(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        helpers.add(p);
        return p;
    }

    static void signal(long pid, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -%s %d", signal, pid).isZero();
    }

    /** Waits until the process has exited; a zombie counts as exited (this container's init reaps slowly). */
    static boolean waitForExit(long pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (alive(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    static boolean alive(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Paths.get("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException gone) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    /** Stops what this home started, whatever state the test left it in, then removes the folder. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            Optional<LockFile> lock = lock();
            lock.ifPresent(l -> ProcessHandle.of(l.pid).filter(p -> p.info().commandLine().orElse("").contains(root.toString()))
                    .ifPresent(p -> {
                        try {
                            signal(p.pid(), "CONT"); // a test may have left it stopped; `down` needs it awake
                        } catch (IOException | InterruptedException e) {
                            // still killed below
                        }
                    }));
            if (Files.isDirectory(home) && !daemons().isEmpty()) {
                Command down = start(null, "down");
                if (!down.process.waitFor(40, TimeUnit.SECONDS)) {
                    down.process.destroyForcibly();
                }
            }
            lock.filter(l -> alive(l.pid)).flatMap(l -> ProcessHandle.of(l.pid))
                    .filter(p -> p.info().commandLine().orElse("").contains(root.toString()))
                    .ifPresent(ProcessHandle::destroyForcibly);
            mine().forEach(ProcessHandle::destroyForcibly);
            for (Process p : helpers) {
                p.destroyForcibly();
            }
            for (ProcessHandle p : mine().collect(Collectors.toList())) {
                p.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("a process of " + home + " did not end", e);
        } finally {
            deleteTree(root);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        }
    }

    static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /**
     * Runs a command in the daemon over the control channel, as the CLI does but without starting a
     * JVM, so a test can poll in milliseconds; its output, or an assertion error unless it exits 0.
     */
    public String ask(String... args) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), lock().orElseThrow().port)) {
            socket.setSoTimeout((int) Lab.PATIENCE.toMillis());
            String token = Files.readString(home.resolve(ControlChannel.TOKEN_FILE), StandardCharsets.US_ASCII).trim();
            new Hello(token, List.of(args), false, false, root.toString()).writeTo(new DataOutputStream(socket.getOutputStream()));
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            StringBuilder out = new StringBuilder();
            StringBuilder err = new StringBuilder();
            for (Frame frame = ControlChannel.readFrame(in); frame != null; frame = ControlChannel.readFrame(in)) {
                if (frame.type == ControlChannel.EXIT) {
                    assertThat(frame.exitCode()).as("%s: %s%s", List.of(args), out, err).isZero();
                    return out.toString();
                }
                (frame.type == ControlChannel.STDERR ? err : out).append(frame.type == ControlChannel.ACCEPTED ? "" : frame.text());
            }
            throw new AssertionError(List.of(args) + ": the daemon closed the connection without an exit status: " + out + err);
        } catch (IOException e) {
            throw new AssertionError(List.of(args) + " failed", e);
        }
    }
}
