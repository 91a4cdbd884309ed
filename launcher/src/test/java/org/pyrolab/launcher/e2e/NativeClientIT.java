package org.pyrolab.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.launcher.e2e.Pyrolab.Result;

/**
 * The native client (lib/pyrolab-client): the same stdout, stderr and exit code as the Java
 * client for what it serves, and the Java client's messages whenever it hands over. Which path
 * served is read from the file the client appends to when PYROLAB_NATIVE_REPORT names one.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class NativeClientIT {
    private static final Path CLIENT = Pyrolab.INSTALLATION.resolve("lib/pyrolab-client");
    private Pyrolab pyrolab;
    private Path report;

    @BeforeEach
    void home() throws Exception {
        pyrolab = new Pyrolab();
        report = pyrolab.root.resolve("native-report");
        pyrolab.env("PYROLAB_NATIVE_REPORT", report.toString());
    }

    @AfterEach
    void stopEverything() throws Exception {
        pyrolab.close();
    }

    @Test
    void theBuildInstallsItWhereThereIsACCompiler() throws Exception {
        boolean cc = Stream.of(System.getenv("PATH").split(File.pathSeparator)).anyMatch(d -> Files.isExecutable(Paths.get(d, "cc")));
        assertThat(cc).as("a C compiler (cc) on the PATH: .ci/run installs gcc").isTrue();
        assertThat(CLIENT).isExecutable();
        assertThat(Files.readString(Pyrolab.INSTALLATION.resolve("lib/pyrolab-client.loader")).trim()).startsWith("/");
    }

    @Test
    void sameOutputAndExitCodeAsTheJavaClient() throws Exception {
        pyrolab.up();
        List<List<String>> commands = List.of(List.of("status"), List.of("ps"), List.of("status", "--json"), List.of("ps", "--json"),
                List.of("stop", "nosuch"), List.of("call"), List.of("info"), List.of("--home", pyrolab.home.toString(), "ps"),
                List.of("state", "nosuch"), List.of("await", "--timeout", "soon", "x"));
        for (List<String> command : commands) {
            String[] args = command.toArray(String[]::new);
            Result fast = nativeRun(args);
            Result java = javaRun(args);
            assertThat(stable(fast)).as("%s", command).isEqualTo(stable(java));
        }
        assertThat(javaRun("stop", "nosuch").exit).isEqualTo(1);
        // a command it does not know is the Java client's to judge (it forwards it, the daemon refuses it)
        Result unknown = pyrolab.run("frobnicate");
        assertThat(lastReport()).isEqualTo("fallback not a forwarded command");
        assertThat(unknown.exit).isEqualTo(2);
        assertThat(unknown.toString()).isEqualTo(javaRun("frobnicate").toString());

        // down: the same words, and the process is gone when it returns
        long pid = pyrolab.lock().orElseThrow().pid;
        Result fastDown = nativeRun("down");
        assertThat(Pyrolab.alive(pid)).as("daemon %d after native down", pid).isFalse();
        pid = pyrolab.up();
        Result javaDown = javaRun("down");
        assertThat(Pyrolab.alive(pid)).isFalse();
        assertThat(fastDown.toString().replaceAll("pid \\d+", "pid N")).isEqualTo(javaDown.toString().replaceAll("pid \\d+", "pid N"));
        assertThat(fastDown.out).endsWith("PyroLab daemon stopped.\n");
    }

    @Test
    void withoutADaemonItHandsOverAndJavaSaysSo() throws Exception {
        for (String command : new String[] {"status", "ps", "down", "stop"}) {
            Result r = pyrolab.run(command);
            assertThat(r.exit).as("%s: %s", command, r).isEqualTo(3);
            assertThat(r.err).isEqualTo(Pyrolab.NOT_RUNNING + "\n");
            assertThat(r.out).isEmpty();
            assertThat(lastReport()).isEqualTo("fallback no lockfile");
        }
    }

    @Test
    void aStaleLockfileHandsOver() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertThat(gone.waitFor()).isZero();
        Files.writeString(pyrolab.home.resolve("pyrolabd.lock"), "pid=" + gone.pid() + "\nport=9\nversion=0\nstarted=2026-01-02T03:04:05.123Z\n");
        Files.writeString(pyrolab.home.resolve("control.token"), "0".repeat(64));
        Result r = pyrolab.run("status");
        assertThat(r.exit).as("%s", r).isEqualTo(3);
        assertThat(r.err).isEqualTo(Pyrolab.NOT_RUNNING + "\n");
        assertThat(lastReport()).isEqualTo("fallback the lockfile's process is not running");
    }

    @Test
    void aLiveProcessThatDoesNotListenHandsOver() throws Exception {
        Process other = pyrolab.helper("sleep", "120");
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Files.writeString(pyrolab.home.resolve("pyrolabd.lock"),
                "pid=" + other.pid() + "\nport=" + closedPort + "\nversion=0\nstarted=2026-01-02T03:04:05.123Z\n");
        Files.writeString(pyrolab.home.resolve("control.token"), "0".repeat(64));
        Result r = pyrolab.run("ps");
        assertThat(r.exit).as("%s", r).isEqualTo(3);
        assertThat(r.err).isEqualTo("pyrolab: PyroLab daemon is not answering on its control port; if it is hung, run `pyrolab up --force`\n");
        assertThat(lastReport()).isEqualTo("fallback no connection");
    }

    @Test
    void whatItDoesNotServeGoesToJava() throws Exception {
        pyrolab.up();
        Result nonAscii = pyrolab.run("call", "nosuch", "m\u00e9thode");
        assertThat(lastReport()).isEqualTo("fallback an argument that is not plain ASCII");
        assertThat(nonAscii.toString()).isEqualTo(javaRun("call", "nosuch", "m\u00e9thode").toString());
        Result version = pyrolab.run("--version");
        assertThat(version.exit).isZero();
        assertThat(lastReport()).isEqualTo("fallback an option");
        pyrolab.env("PYROLAB_JAVA_OPTS", "-Xss1m");
        Files.deleteIfExists(report);
        assertThat(pyrolab.run("status").exit).isZero();
        assertThat(report).as("JVM options: Java serves").doesNotExist();
    }

    /**
     * A daemon that answers with broken frames: the native client says what the Java client says,
     * byte for byte, and never falls back once the command is sent (that could run it twice).
     */
    @Test
    void brokenFramesGetTheJavaClientsWords() throws Exception {
        try (ServerSocket fake = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> serveBrokenFrames(fake), "fake-daemon");
            server.setDaemon(true);
            server.start();
            Files.writeString(pyrolab.home.resolve("pyrolabd.lock"), "pid=" + ProcessHandle.current().pid() + "\nport=" + fake.getLocalPort()
                    + "\nversion=0\nstarted=2026-01-02T03:04:05.123Z\n");
            Files.writeString(pyrolab.home.resolve("control.token"), "0".repeat(64) + "\n");
            for (String mode : List.of("huge", "negative", "type", "high-type", "eof", "eof-in-frame", "short-exit", "refused", "exit-300",
                    "silent")) {
                Result fast = nativeRun("call", mode);
                Result java = javaRun("call", mode);
                assertThat(fast.toString()).as(mode).isEqualTo(java.toString());
                assertThat(fast.exit).as(mode).isNotZero();
            }
        }
    }

    private static void serveBrokenFrames(ServerSocket fake) {
        while (!fake.isClosed()) {
            try (java.net.Socket s = fake.accept()) {
                java.io.InputStream in = s.getInputStream();
                byte[] buffer = new byte[org.pyrolab.control.ControlChannel.MAX_HELLO];
                int length = 0;
                org.pyrolab.control.ControlChannel.Parsed hello = null;
                while (hello == null) {
                    int n = in.read(buffer, length, buffer.length - length);
                    if (n < 0) {
                        break;
                    }
                    length += n;
                    hello = org.pyrolab.control.ControlChannel.Hello.parse(buffer, length);
                }
                if (hello == null) {
                    continue;
                }
                java.io.DataOutputStream out = new java.io.DataOutputStream(s.getOutputStream());
                String mode = hello.hello.args.get(1);
                if (!mode.equals("refused") && !mode.equals("silent")) {
                    out.write(new byte[] {'A', 0, 0, 0, 0});
                }
                out.write(new byte[] {'O', 0, 0, 0, 3, 'h', 'i', '\n'});
                switch (mode) {
                    case "huge" -> out.write(new byte[] {'O', 0, 1, 0x11, 0x70});
                    case "negative" -> out.write(new byte[] {'E', -1, -1, -1, -1});
                    case "type" -> out.write(new byte[] {'Z', 0, 0, 0, 0});
                    case "high-type" -> out.write(new byte[] {(byte) 0x90, 0, 0, 0, 0});
                    case "eof" -> { }
                    case "eof-in-frame" -> out.write(new byte[] {'O', 0, 0});
                    case "short-exit" -> out.write(new byte[] {'X', 0, 0, 0, 2, 0, 0});
                    case "refused" -> out.write(new byte[] {'E', 0, 0, 0, 4, 'n', 'o', '!', '\n', 'X', 0, 0, 0, 4, 0, 0, 0, 1});
                    case "exit-300" -> out.write(new byte[] {'X', 0, 0, 0, 4, 0, 0, 1, 44});
                    default -> in.read(); // silent: until the client gives up
                }
                out.flush();
            } catch (java.io.IOException e) {
                // the next connection
            }
        }
    }

    /** Served by the native client, as its report says. */
    private Result nativeRun(String... args) throws Exception {
        Files.deleteIfExists(report);
        Result r = pyrolab.env("PYROLAB_NATIVE", "1").run(args);
        String command = args[0].equals("--home") ? args[2] : args[0];
        assertThat(lastReport()).as("%s: %s", List.of(args), r).isEqualTo("native " + command);
        return r;
    }

    /** Served by the Java client: the native client does not even start. */
    private Result javaRun(String... args) throws Exception {
        Files.deleteIfExists(report);
        Result r = pyrolab.env("PYROLAB_NATIVE", "0").run(args);
        assertThat(report).as("native client ran for %s", List.of(args)).doesNotExist();
        pyrolab.env("PYROLAB_NATIVE", "1");
        return r;
    }

    private String lastReport() throws Exception {
        List<String> lines = Files.readAllLines(report);
        return lines.get(lines.size() - 1);
    }

    /** The result with what changes from one second to the next (uptime, heap, a service's age) blanked. */
    private static String stable(Result r) {
        return r.toString().replaceAll("(uptime|heap):\\s*[^\\n]*", "$1: #").replaceAll("\"(uptimeSeconds|heapUsed)\"\\s*:\\s*\\d+", "\"$1\":#");
    }
}
