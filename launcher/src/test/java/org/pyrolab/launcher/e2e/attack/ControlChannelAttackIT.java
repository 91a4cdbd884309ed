package org.pyrolab.launcher.e2e.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.control.ControlChannel;
import org.pyrolab.control.ControlChannel.Frame;
import org.pyrolab.launcher.e2e.Lab;
import org.pyrolab.launcher.e2e.Pyrolab;
import org.pyrolab.launcher.e2e.Pyrolab.Result;

/**
 * Hostile and broken clients on the control port: oversized hellos, slow-loris, floods past the
 * slot limit, clients killed while they follow the log. After each, the daemon must be the same
 * process, answer, stay within its heap budget and keep serving Pyro5 ({@link Survival}).
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES) // lifecycle methods too
class ControlChannelAttackIT {
    /** The daemon's slots (ControlServer.MAX_CLIENTS) and hello deadline (ControlServer.HELLO_DEADLINE_MS), as documented. */
    private static final int SLOTS = 32;
    private static final Duration HELLO_DEADLINE = Duration.ofSeconds(2);
    private static final int READ_TIMEOUT_MS = 20_000;

    private static final String CONFIG = "version: \"1.0\"\n"
            + "daemons:\n  ep:\n    port: 0\n"
            + "services:\n  lab.echo:\n    driver: sample.echo\n    daemon: ep\n"
            + "autolaunch:\n  daemons: [ep]\n  services: [lab.echo]\n";

    private Pyrolab pyrolab;
    private Survival survival;
    private int port;
    private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
    private final List<Process> commands = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService attackers = Executors.newCachedThreadPool();

    @BeforeEach
    void startDaemon() throws Exception {
        pyrolab = new Pyrolab();
        Path config = Lab.write(pyrolab.root.resolve("lab.yaml"), CONFIG);
        pyrolab.up("--config", config.toString());
        port = pyrolab.lock().orElseThrow().port;
        survival = new Survival(pyrolab);
        assertThat(survival.assertEchoWithin(Lab.PATIENCE)).as("the lab serves an echo service").isTrue();
    }

    @AfterEach
    void stopEverything() throws Exception {
        try {
            attackers.shutdownNow();
            synchronized (sockets) {
                for (Socket s : sockets) {
                    s.close();
                }
            }
            synchronized (commands) {
                for (Process p : commands) {
                    p.destroyForcibly();
                }
            }
            attackers.awaitTermination(30, TimeUnit.SECONDS);
        } finally {
            pyrolab.close();
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void oversizedHellosAreCutOffAtTheBound() throws Exception {
        int before = count(pyrolab.daemonLog(), "dropped control connection");
        // 20 at once, each announcing 1000 arguments of 64 KiB (64 MiB) and sending 1 MiB
        List<Future<?>> attacks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            attacks.add(attackers.submit(() -> {
                try (Socket socket = connect()) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    DataOutputStream hello = new DataOutputStream(bytes);
                    hello.writeUTF(ControlChannel.MAGIC);
                    hello.writeUTF(token());
                    hello.writeBoolean(false);
                    hello.writeBoolean(false);
                    hello.writeUTF("/");
                    hello.writeInt(1000);
                    hello.writeShort(65535);
                    bytes.write(new byte[(1 << 20) - bytes.size()]);
                    try {
                        bytes.writeTo(socket.getOutputStream());
                    } catch (SocketException cutOff) {
                        // the daemon closed the connection while we were still sending: expected
                    }
                    assertClosedByDaemon(socket);
                }
                return null;
            }));
        }
        for (Future<?> attack : attacks) {
            attack.get();
        }
        String log = pyrolab.daemonLog();
        assertThat(log).contains("hello longer than 8192 bytes; it began \"\\x00\\x11PYROLAB-CONTROL/1");
        assertThat(count(log, "dropped control connection") - before).as("drops are logged, rate-limited").isBetween(1, 12);
        survival.assertSurvived();
        survival.awaitIdle();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void slowLorisNeitherHoldsSlotsNorLocksOutTheCli() throws Exception {
        AtomicBoolean attacking = new AtomicBoolean(true);
        AtomicLong longestMs = new AtomicLong();
        AtomicLong dropped = new AtomicLong();
        byte[] hello = rawHello("0".repeat(64), List.of("status"));
        for (int i = 0; i < 100; i++) {
            attackers.submit(() -> {
                while (attacking.get()) { // one byte a second; reconnect when dropped
                    long start = System.nanoTime();
                    try (Socket socket = connect()) {
                        socket.setSoTimeout(1000);
                        InputStream in = socket.getInputStream();
                        OutputStream out = socket.getOutputStream();
                        for (int b = 0; attacking.get() && b < hello.length; b++) {
                            out.write(hello[b]);
                            out.flush();
                            try {
                                if (in.read() < 0) {
                                    break; // the daemon hung up
                                }
                            } catch (SocketTimeoutException pace) {
                                continue; // a second has passed: the next byte
                            }
                        }
                    } catch (IOException reset) {
                        // hung up on us
                    }
                    long lived = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    if (attacking.get()) {
                        longestMs.accumulateAndGet(lived, Math::max);
                        dropped.incrementAndGet();
                        Thread.sleep(Math.max(0, 1000 - lived)); // the attacker's pace: at most one connection a second each
                    }
                }
                return null;
            });
        }
        try {
            Lab.await("the daemon drops trickling connections", () -> dropped.get() >= 200);
            for (int i = 0; i < 5; i++) {
                survival.assertStatusAnswers();
                assertThat(survival.assertEchoWithin(Survival.ECHO_WITHIN)).isTrue();
            }
        } finally {
            attacking.set(false);
        }
        assertThat(Duration.ofMillis(longestMs.get())).as("longest-lived trickling connection: the hello deadline is a total")
                .isLessThan(HELLO_DEADLINE.multipliedBy(2));
        survival.assertSurvived();
        attackers.shutdown();
        assertThat(attackers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        survival.awaitIdle();
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void floodPastTheSlotsThenARealCommandWorks() throws Exception {
        for (int i = 0; i < 300; i++) { // silent connections, held open
            sockets.add(connect());
        }
        Result status = pyrolab.run("status");
        assertThat(status.exit).as("%s", status).isZero();
        synchronized (sockets) {
            for (Socket s : sockets) {
                assertClosedByDaemon(s);
            }
        }
        survival.assertSurvived();
        survival.awaitIdle();
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void whenEverySlotRunsACommandTheNextIsToldTheDaemonIsBusy() throws Exception {
        List<Socket> following = new ArrayList<>();
        for (int i = 0; i < SLOTS; i++) { // real commands, with the real token: logs -f holds its slot
            Socket socket = connect();
            sockets.add(socket);
            following.add(socket);
            socket.getOutputStream().write(rawHello(token(), List.of("logs", "-f")));
            Frame first = ControlChannel.readFrame(new DataInputStream(socket.getInputStream()));
            assertThat(first.type).as("accepted").isEqualTo(ControlChannel.ACCEPTED);
        }
        Result busy = pyrolab.run("status");
        assertThat(busy.exit).as("%s", busy).isEqualTo(1);
        assertThat(busy.err).isEqualTo("pyrolab: the daemon is busy: 32 commands are running; try again\n");
        assertThat(busy.out).isEmpty();
        Result up = pyrolab.run("up", "--force");
        assertThat(up.exit).as("a busy daemon is a live one: %s", up).isEqualTo(1);
        assertThat(up.err).contains("PyroLab daemon is already running");

        for (Socket s : following) {
            s.close(); // the clients leave: their slots come free at once
        }
        survival.awaitIdle();
        survival.assertSurvived();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void fiftyInterruptedLogFollowersLeaveNothingBehind() throws Exception {
        for (int batch = 0; batch < 2; batch++) { // 2 x 25: within the 32 slots, with room for the status that checks
            List<Process> followers = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                Process p = pyrolab.start(null, "logs", "-f").process;
                commands.add(p);
                followers.add(p);
            }
            Lab.await("25 followers connected", () -> Survival.number(survival.status(), "controlClients") == 26);
            for (int i = 0; i < followers.size(); i++) {
                Process p = followers.get(i);
                if (i % 2 == 0) {
                    p.destroyForcibly(); // killed
                } else {
                    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor(); // Ctrl-C
                }
            }
            for (Process p : followers) {
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("follower ended").isTrue();
            }
            survival.awaitIdle(); // every slot of this batch is free again
        }
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Result>> runs = new ArrayList<>();
            String[][] normal = {{"status"}, {"ps", "--json"}, {"logs", "-n", "3"}, {"call", "lab.echo", "add", "2", "3"}};
            for (int i = 0; i < 40; i++) {
                String[] args = normal[i % normal.length];
                runs.add(clients.submit(() -> pyrolab.run(args)));
            }
            for (Future<Result> run : runs) {
                Result r = run.get();
                assertThat(r.exit).as("%s", r).isZero();
            }
        } finally {
            clients.shutdownNow();
        }
        survival.assertSurvived();
    }

    // ---- helpers ----------------------------------------------------------------------------

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        sockets.add(socket);
        return socket;
    }

    private String token() throws IOException {
        return Files.readString(pyrolab.home.resolve(ControlChannel.TOKEN_FILE), StandardCharsets.US_ASCII).trim();
    }

    /** A hello written by hand in the format of {@link ControlChannel}. */
    private byte[] rawHello(String token, List<String> args) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF(ControlChannel.MAGIC);
        out.writeUTF(token);
        out.writeBoolean(false); // interactive
        out.writeBoolean(false); // verbose
        out.writeUTF(pyrolab.root.toString());
        out.writeInt(args.size());
        for (String arg : args) {
            out.writeUTF(arg);
        }
        return bytes.toByteArray();
    }

    /** The daemon hangs up: end of stream, or a reset when our unread bytes were still in its buffer. */
    private static void assertClosedByDaemon(Socket socket) throws IOException {
        try {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            assertThat(in.read()).as("daemon closed the connection").isEqualTo(-1);
        } catch (SocketException reset) {
            assertThat(reset.getMessage()).containsIgnoringCase("reset");
        }
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
