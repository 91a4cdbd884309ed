package org.pyrolab.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.launcher.e2e.Pyrolab.Result;

import net.razorvine.pyro.NameServerProxy;
import net.razorvine.pyro.PyroException;
import net.razorvine.pyro.PyroProxy;
import net.razorvine.pyro.PyroURI;

/**
 * Issue 12, items 2-5, through the installation with Pyrolite 5.1 as the independent client: the
 * lab secret, allow lists, the name server's write and ownership rules, re-registration after a
 * name server restart, and no Java internals in remote errors.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LabSecurityIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SECRET = "our-lab-secret-7d1f";

    private final List<Pyrolab> homes = new ArrayList<>();
    private final List<AutoCloseable> clients = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable c : clients) {
            c.close();
        }
        for (Pyrolab home : homes) {
            home.close();
        }
    }

    @Test
    void anEndpointWithASecretServesOnlyClientsThatSendIt() throws Exception {
        int nsPort = freePort();
        int epPort = freePort();
        Pyrolab lab = daemon("nameservers:\n  main:\n    ns_port: " + nsPort + "\n"
                + "daemons:\n  ep:\n    port: " + epPort + "\n    secret_file: lab.secret\n"
                + services("ep") + "autolaunch:\n  nameservers: [main]\n  services: [lab.echo]\n");
        PyroURI uri = Lab.pyroliteLookup(nsPort, "lab.echo"); // the name server has no secret: anyone looks up

        PyroProxy without = proxy(uri);
        assertThatThrownBy(() -> without.call("echo", "hi")).hasMessageContaining(
                "this endpoint needs the lab secret: set proxy._pyroHandshake");
        PyroProxy wrong = proxy(uri);
        wrong.pyroHandshake = "not-the-secret";
        assertThatThrownBy(() -> wrong.call("echo", "hi")).hasMessageContaining("needs the lab secret");

        PyroProxy with = proxy(uri);
        with.pyroHandshake = SECRET;
        assertThat(with.call("echo", "hi")).isEqualTo("hi");
        // a driver's exception arrives as a Python type with its message only
        assertThatThrownBy(() -> with.call("add", "x", 1)).isInstanceOf(PyroException.class)
                .satisfies(e -> {
                    assertThat(((PyroException) e).pythonExceptionType).isEqualTo("builtins.ValueError");
                    assertThat(((PyroException) e)._pyroTraceback).isNull();
                    assertThat(e.getMessage()).doesNotContain("java.");
                });
        assertThat(lab.daemonLog()).contains("its handshake lacks the lab secret");
    }

    @Test
    void remoteTracebacksAreADebuggingOption() throws Exception {
        int nsPort = freePort();
        Pyrolab lab = daemon("nameservers:\n  main:\n    ns_port: " + nsPort + "\n"
                + "daemons:\n  ep:\n    remote_tracebacks: true\n"
                + services("ep") + "autolaunch:\n  nameservers: [main]\n  services: [lab.echo]\n");
        PyroProxy echo = proxy(Lab.pyroliteLookup(nsPort, "lab.echo"));
        assertThatThrownBy(() -> echo.call("add", "x", 1)).isInstanceOf(PyroException.class)
                .satisfies(e -> assertThat(((PyroException) e)._pyroTraceback).contains("EchoDriver"));
        assertThat(lab.run("status").exit).isZero();
    }

    @Test
    void aPeerOutsideTheAllowListIsClosedAtOnceAndLoggedRateLimited() throws Exception {
        int nsPort = freePort();
        int epPort = freePort();
        Pyrolab lab = daemon("nameservers:\n  main:\n    ns_port: " + nsPort + "\n"
                + "daemons:\n  ep:\n    host: 0.0.0.0\n    port: " + epPort + "\n    allow: [10.0.0.0/8]\n"
                + services("ep") + "autolaunch:\n  nameservers: [main]\n  services: [lab.echo]\n");
        Lab.pyroliteLookup(nsPort, "lab.echo");
        // this test connects from 127.0.0.1, which is not in 10.0.0.0/8 (works on a loopback-only CI machine)
        for (int i = 0; i < 5; i++) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), epPort)) {
                s.setSoTimeout(10_000);
                InputStream in = s.getInputStream();
                int first;
                try {
                    first = in.read();
                } catch (SocketException reset) {
                    first = -1;
                }
                assertThat(first).as("closed without a byte").isEqualTo(-1);
            }
        }
        PyroProxy p = proxy(new PyroURI("PYRO:lab.echo@127.0.0.1:" + epPort));
        assertThatThrownBy(() -> p.call("echo", 1)).isInstanceOf(IOException.class);
        eventually(() -> lab.daemonLog().contains("not in the endpoint's allow list (10.0.0.0/8)"));
        String log = lab.daemonLog();
        assertThat(count(log, "not in the endpoint's allow list")).as("rate-limited: one line per address per 10 s").isEqualTo(1);
        assertThat(lab.run("status").exit).isZero();
    }

    @Test
    void theNameServerRefusesHijacks() throws Exception {
        int nsPort = freePort();
        Pyrolab lab = daemon("nameservers:\n  main:\n    ns_port: " + nsPort + "\n    secret_file: lab.secret\n"
                + "daemons:\n  ep:\n    port: 0\n"
                + services("ep") + "autolaunch:\n  nameservers: [main]\n  services: [lab.echo]\n");
        PyroURI real = Lab.pyroliteLookup(nsPort, "lab.echo"); // reads need no secret
        String fake = "PYRO:lab.echo@127.0.0.1:" + freePort();

        NameServerProxy stranger = ns(nsPort, null);
        assertThatThrownBy(() -> stranger.call("register", "lab.echo", fake, false, null, true))
                .hasMessageContaining("takes register, remove and set_metadata only from lab members");
        assertThatThrownBy(() -> stranger.call("remove", null, null, ".*")).hasMessageContaining("lab secret");
        // with the secret but not the owner: the daemon's live name stays
        NameServerProxy member = ns(nsPort, SECRET);
        assertThatThrownBy(() -> member.call("register", "lab.echo", fake, false, null, true))
                .hasMessageContaining("belongs to another PyroLab daemon");
        assertThat(member.call("remove", null, null, ".*")).isEqualTo(0);
        member.call("register", "lab.other", fake, false, null); // a new name is fine for a member
        assertThat(member.lookup("lab.other").port).isEqualTo(Integer.parseInt(fake.substring(fake.lastIndexOf(':') + 1)));
        assertThat(Lab.pyroliteLookup(nsPort, "lab.echo").port).isEqualTo(real.port);
        assertThat(lab.run("nslist").out).contains("lab.echo --> PYRO:lab.echo@127.0.0.1:" + real.port + "\n");
    }

    @Test
    void namesComeBackWithinSecondsAfterTheNameServerRestarts() throws Exception {
        int nsPort = freePort();
        String hostConfig = "nameservers:\n  central:\n    ns_port: " + nsPort + "\n    storage: memory\n"
                + "autolaunch:\n  nameservers: [central]\n";
        Pyrolab a = daemon(hostConfig);
        Pyrolab b = daemon("nameservers:\n  central:\n    host: localhost\n    ns_port: " + nsPort + "\n"
                + "daemons:\n  bench:\n    port: 0\n"
                + "services:\n  b.echo:\n    driver: sample.echo\n    daemon: bench\n    nameservers: [central]\n"
                + "autolaunch:\n  services: [b.echo]\n");
        PyroURI before = Lab.pyroliteLookup(nsPort, "b.echo");

        Result down = a.run("down");
        assertThat(down.exit).as("%s", down).isZero();
        a.up("--config", a.root.resolve("lab.yaml").toString());
        long restarted = System.nanoTime();
        PyroURI after = Lab.pyroliteLookup(nsPort, "b.echo"); // polls; B notices the empty name server on its own
        Duration took = Duration.ofNanos(System.nanoTime() - restarted);
        assertThat(after.toString()).isEqualTo(before.toString());
        assertThat(took).as("back within seconds (checked every 3 s, retried at most 10 s apart)").isLessThan(WAIT);
        assertThat(b.run("status").exit).isZero();
    }

    @Test
    void badAccessSettingsAreOneLineConfigErrors() throws Exception {
        Pyrolab lab = new Pyrolab();
        homes.add(lab);
        Path loose = lab.root.resolve("loose.secret");
        Files.writeString(loose, SECRET);
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-r--r--"));
        Path file = Lab.write(lab.root.resolve("bad.yaml"), "version: \"1.0\"\n"
                + "daemons:\n  ep:\n    allow: [192.168.1.0/33, lab-pc]\n    secret_file: loose.secret\n"
                + "nameservers:\n  main:\n    secret_file: missing.secret\n");
        Result r = lab.run("up", "--config", file.toString()); // refuses, printing every problem
        assertThat(r.exit).as("%s", r).isNotZero();
        String all = r.out + r.err;
        assertThat(all).contains("daemons.ep.allow[0]: `192.168.1.0/33`: the prefix length after `/` must be 0-32")
                .contains("daemons.ep.allow[1]: `lab-pc`: not an IP address or CIDR network")
                .contains("daemons.ep.secret_file: " + loose + " can be read by others; make it the owner's only with `chmod 600")
                .contains("nameservers.main.secret_file: there is no file ").doesNotContain("\tat org.pyrolab");
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static String services(String endpoint) {
        return "services:\n  lab.echo:\n    driver: sample.echo\n    daemon: " + endpoint + "\n    nameservers: [main]\n";
    }

    private Pyrolab daemon(String config) throws IOException {
        Pyrolab home = new Pyrolab();
        homes.add(home);
        Path secret = home.root.resolve("lab.secret");
        Files.writeString(secret, SECRET + "\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Path file = home.root.resolve("lab.yaml");
        Files.writeString(file, "version: \"1.0\"\n" + config);
        home.up("--config", file.toString());
        return home;
    }

    private NameServerProxy ns(int port, String secret) throws IOException {
        NameServerProxy ns = new NameServerProxy("127.0.0.1", port);
        ns.pyroHandshake = secret;
        clients.add(ns::close);
        return ns;
    }

    private PyroProxy proxy(PyroURI uri) throws IOException {
        PyroProxy p = new PyroProxy(uri);
        clients.add(p::close);
        return p;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void eventually(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            Thread.sleep(200);
        }
    }
}
