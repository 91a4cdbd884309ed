package org.pyrolab.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pyrolab.launcher.e2e.Pyrolab.Result;

import net.razorvine.pyro.PyroException;
import net.razorvine.pyro.PyroProxy;
import net.razorvine.pyro.PyroURI;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/**
 * Issue 4 through the installation: services of a real daemon reached by Pyrolite 5.1 (a Pyro5
 * client nobody here wrote) via the daemon's own name server; locks; two daemons sharing one
 * name server.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RemoteAccessIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String USER = System.getProperty("user.name");

    private final List<Pyrolab> homes = new ArrayList<>();
    private final List<PyroProxy> proxies = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (PyroProxy p : proxies) {
            p.close();
        }
        for (Pyrolab home : homes) {
            home.close(); // down, then kill whatever still runs for that home
        }
    }

    @Test
    void lookupCallsAttributesOnewayAndRemoteErrors() throws Exception {
        Pyrolab lab = daemon(config(0, 0, 300));
        int nsPort = nameserverPort(lab, "main");
        // status counts services only, not the nameserver and endpoint beside them
        assertThat(lab.run("status").out).contains("2 configured, 2 running, 0 failed");
        PyroProxy echo = proxy(Lab.pyroliteLookup(nsPort, "lab.echo"));
        assertThat(echo.call("echo", "hello")).isEqualTo("hello");
        assertThat(echo.call("echo", List.of(1, 2.5, "x"))).isEqualTo(List.of(1, 2.5, "x"));
        assertThat(echo.call("add", 2, 3)).isEqualTo(5);

        PyroProxy stage = proxy(Lab.pyroliteLookup(nsPort, "lab.stage"));
        assertThat(stage.getattr("velocity")).isEqualTo(2.0);
        stage.setattr("velocity", 1.25);
        assertThat(stage.getattr("velocity")).isEqualTo(1.25);

        long start = System.nanoTime();
        echo.call_oneway("delayed_echo", "late", 10.0);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("oneway does not wait").isLessThan(Duration.ofSeconds(8));
        assertThat(echo.call("echo", 7)).isEqualTo(7);

        assertThatThrownBy(() -> echo.call("add", "x", 1)).isInstanceOf(PyroException.class)
                .hasMessageContaining("add needs two numbers or two strings")
                .satisfies(e -> {
                    assertThat(((PyroException) e).pythonExceptionType).isEqualTo("builtins.ValueError");
                    // no Java internals for remote callers unless remote_tracebacks: true
                    assertThat(((PyroException) e)._pyroTraceback).isNull();
                    assertThat(e.getMessage()).doesNotContain("java.");
                });
        assertThatThrownBy(() -> echo.call("no_such_method")).isInstanceOf(PyroException.class);

        Result list = lab.run("nslist");
        assertThat(list.exit).as("%s", list).isZero();
        assertThat(list.out).containsPattern("lab\\.echo --> PYRO:lab\\.echo@127\\.0\\.0\\.1:\\d+\n    metadata: an echo service");
        Result json = lab.run("nslist", "--host", "127.0.0.1", "--port", String.valueOf(nsPort), "--json");
        assertThat(json.exit).as("%s", json).isZero();
        assertThat(json.out).contains("\"name\" : \"lab.stage\"").contains("\"uri\" : \"PYRO:lab.stage@127.0.0.1:");
        Result nobody = lab.run("nslist", "--port", String.valueOf(freePort()));
        assertThat(nobody.exit).as("%s", nobody).isEqualTo(1);
        assertThat(nobody.err).startsWith("pyrolab: cannot list the name server at localhost:");
    }

    @Test
    void locksContendExpireAndShowInPs() throws Exception {
        Pyrolab lab = daemon(config(0, 0, 2));
        int nsPort = nameserverPort(lab, "main");
        PyroURI uri = Lab.pyroliteLookup(nsPort, "lab.echo");
        PyroProxy alice = proxy(uri);
        PyroProxy bob = proxy(uri);

        assertThat(alice.call("lock", "alice")).isEqualTo(true);
        assertThat(alice.call("echo", 1)).isEqualTo(1);
        assertThatThrownBy(() -> bob.call("echo", 1)).isInstanceOf(PyroException.class).hasMessageContaining("locked (by 'alice')");
        assertThatThrownBy(() -> bob.call("lock", "bob")).isInstanceOf(PyroException.class).hasMessageContaining("alice");
        assertThat(bob.call("islocked")).isEqualTo(true);
        assertThat(((Map<?, ?>) bob.call("lockinfo")).get("user")).isEqualTo("alice");
        assertThat(lab.run("ps", "--json").out).containsPattern("\"name\" : \"lab.echo\",[^}]*\"lockHolder\" : \"alice@127.0.0.1 since ");
        assertThat(lab.run("ps").out).containsPattern("lab\\.echo .* alice@127\\.0\\.0\\.1 since ");

        // the holder goes away: its lock ends with its connection
        alice.close();
        eventually(() -> Boolean.FALSE.equals(bob.call("islocked")));
        assertThat(bob.call("echo", 2)).isEqualTo(2);

        // a holder that stays connected but silent loses the lock after the service's lease (2 s)
        PyroProxy carol = proxy(uri);
        assertThat(carol.call("lock", "carol")).isEqualTo(true);
        assertThatThrownBy(() -> bob.call("echo", 3)).hasMessageContaining("carol");
        Thread.sleep(2600);
        assertThat(bob.call("echo", 3)).isEqualTo(3);
        assertThat(bob.call("islocked")).isEqualTo(false);

        // a holder that only pings keeps its lease: well past 2 s of pings, the lock still holds
        PyroProxy erin = proxy(uri);
        assertThat(erin.call("lock", "erin")).isEqualTo(true);
        for (int i = 0; i < 8; i++) {
            Thread.sleep(500);
            erin.call("ping");
        }
        assertThatThrownBy(() -> bob.call("echo", 3)).hasMessageContaining("erin");
        assertThat(erin.call("unlock")).isEqualTo(true);

        // the command line holds it as the local user until `unlock`
        Result lock = lab.run("lock", "lab.echo");
        assertThat(lock.exit).as("%s", lock).isZero();
        assertThatThrownBy(() -> bob.call("echo", 4)).hasMessageContaining("locked (by '" + USER + "')");
        assertThat(lab.run("ps", "--json").out).contains("\"lockHolder\" : \"" + USER + "@localhost since ");
        Result unlock = lab.run("unlock", "lab.echo");
        assertThat(unlock.exit).as("%s", unlock).isZero();
        assertThat(unlock.out).isEqualTo("Unlocked lab.echo.\n");
        assertThat(bob.call("echo", 5)).isEqualTo(5);

        // someone else's lock: refused without --force, broken with it. Bob keeps pinging (a
        // keep-alive) so that his 2 s lease outlives three command-line starts on a busy machine.
        bob.call("lock", "bob");
        java.util.concurrent.ScheduledExecutorService keepAlive = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        Result forced;
        try {
            keepAlive.scheduleWithFixedDelay(() -> {
                try {
                    bob.call("ping");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, 200, 200, java.util.concurrent.TimeUnit.MILLISECONDS);
            Result refused = lab.run("unlock", "lab.echo");
            assertThat(refused.exit).as("%s", refused).isEqualTo(1);
            assertThat(refused.err).contains("lab.echo is locked by bob@127.0.0.1").contains("--force");
            Result taken = lab.run("lock", "lab.echo");
            assertThat(taken.exit).as("%s", taken).isEqualTo(1);
            assertThat(taken.err).contains("locked by bob@127.0.0.1");
            forced = lab.run("unlock", "lab.echo", "--force");
        } finally {
            keepAlive.shutdownNow();
            keepAlive.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(forced.exit).as("%s", forced).isZero();
        assertThat(forced.out).startsWith("Unlocked lab.echo (it was held by bob@127.0.0.1");
        PyroProxy dave = proxy(uri);
        assertThat(dave.call("echo", 6)).isEqualTo(6);

        Result unknown = lab.run("lock", "nothing.here");
        assertThat(unknown.exit).as("%s", unknown).isEqualTo(1);
        assertThat(unknown.err).contains("nothing.here is not a running service");
    }

    @Test
    void secondDaemonRegistersOnTheFirstOnesNameserverOnceItAnswers() throws Exception {
        int nsPort = freePort();
        // B first: its nameserver entry points at A's, which is not up yet
        Pyrolab b = daemon("version: \"1.0\"\n"
                + "nameservers:\n  central:\n    host: localhost\n    ns_port: " + nsPort + "\n"
                + "daemons:\n  bench:\n    port: 0\n"
                + "services:\n  b.echo:\n    driver: sample.echo\n    description: echo on B\n    daemon: bench\n    nameservers: [central]\n"
                + "autolaunch:\n  services: [b.echo]\n");
        eventually(() -> b.run("ps", "--json").out.matches("(?s).*\"name\" : \"central\",\\s*\"state\" : \"WAITING\",.*"
                + "registering b\\.echo failed.*"));
        assertThat(b.run("ps").out).contains("PYRO:Pyro.NameServer@127.0.0.1:" + nsPort);

        Pyrolab a = daemon(config(nsPort, 0, 300));
        assertThat(nameserverPort(a, "main")).isEqualTo(nsPort);
        PyroURI uri = Lab.pyroliteLookup(nsPort, "b.echo"); // retried with back-off until A answered
        assertThat(uri.port).isNotEqualTo(nsPort);
        assertThat(proxy(uri).call("echo", "across")).isEqualTo("across");
        eventually(() -> b.run("ps", "--json").out.contains("1 of its services registered there"));
        assertThat(a.run("nslist").out).contains("b.echo --> PYRO:b.echo@127.0.0.1:").contains("metadata: echo on B");

        // B stops its service: the name goes from A's nameserver
        Result stop = b.run("stop", "b.echo");
        assertThat(stop.exit).as("%s", stop).isZero();
        eventually(() -> !a.run("nslist").out.contains("\nb.echo --> ")); // not "lab.echo"
    }

    @Test
    void endpointOnAPortInUseFailsWithAReasonAndTheDaemonCarriesOn() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Pyrolab lab = daemon(config(0, taken.getLocalPort(), 300));
            eventually(() -> lab.run("ps", "--json").out.matches("(?s).*\"name\" : \"ep\",\\s*\"state\" : \"FAILED\",.*"));
            String ps = lab.run("ps").out;
            assertThat(ps).contains("cannot bind 127.0.0.1:" + taken.getLocalPort()).contains("choose another `port` under daemons.ep");
            assertThat(ps).containsPattern("lab\\.echo +service +RUNNING");
            assertThat(lab.run("status").exit).isZero();
        }
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** A nameserver {@code main}, an endpoint {@code ep}, and sample.echo and sim.stage services on both. */
    @Test
    void instanceModesSingleSessionAndPercall() throws Exception {
        Pyrolab lab = daemon(config(0, 0, 300)
                .replace("autolaunch:", "  lab.session:\n    driver: sample.echo\n    instancemode: session\n    daemon: ep\n    nameservers: [main]\n"
                        + "  lab.percall:\n    driver: sample.echo\n    instancemode: percall\n    daemon: ep\n    nameservers: [main]\n"
                        + "autolaunch:")
                .replace("services: [lab.echo, lab.stage]", "services: [lab.echo, lab.stage, lab.session, lab.percall]"));
        int nsPort = nameserverPort(lab, "main");

        PyroProxy single1 = proxy(Lab.pyroliteLookup(nsPort, "lab.echo"));
        PyroProxy single2 = proxy(Lab.pyroliteLookup(nsPort, "lab.echo"));
        assertThat(single1.call("instance_id")).as("single: one instance for everybody").isEqualTo(single2.call("instance_id"));

        PyroProxy session1 = proxy(Lab.pyroliteLookup(nsPort, "lab.session"));
        PyroProxy session2 = proxy(Lab.pyroliteLookup(nsPort, "lab.session"));
        Object first = session1.call("instance_id");
        assertThat(session1.call("instance_id")).as("session: one instance per connection").isEqualTo(first);
        assertThat(session2.call("instance_id")).as("session: another connection, another instance").isNotEqualTo(first);

        PyroProxy percall = proxy(Lab.pyroliteLookup(nsPort, "lab.percall"));
        assertThat(percall.call("instance_id")).as("percall: a new instance per call").isNotEqualTo(percall.call("instance_id"));

        session1.close();
        eventually(() -> lab.daemonLog().contains("closed an extra instance of lab.session"));
    }

    private static String config(int nsPort, int endpointPort, double leaseSeconds) {
        return "version: \"1.0\"\n"
                + "nameservers:\n  main:\n    ns_port: " + nsPort + "\n"
                + "daemons:\n  ep:\n    port: " + endpointPort + "\n"
                + "services:\n"
                + "  lab.echo:\n    driver: sample.echo\n    description: an echo service\n    daemon: ep\n    nameservers: [main]\n"
                + "    lease: " + leaseSeconds + "\n"
                + "  lab.stage:\n    driver: sim.stage\n    daemon: ep\n    nameservers: [main]\n"
                + "autolaunch:\n  nameservers: [main]\n  services: [lab.echo, lab.stage]\n";
    }

    private Pyrolab daemon(String config) throws IOException {
        Pyrolab home = new Pyrolab();
        homes.add(home);
        Path file = home.root.resolve("lab.yaml");
        Files.writeString(file, config);
        home.up("--config", file.toString());
        return home;
    }

    /** The port of a running nameserver, from its {@code ps --json} address. */
    private static int nameserverPort(Pyrolab home, String name) throws Exception {
        Pattern address = Pattern.compile("\"name\" : \"" + Pattern.quote(name)
                + "\",\\s*\"state\" : \"RUNNING\",[^}]*\"address\" : \"PYRO:Pyro\\.NameServer@127\\.0\\.0\\.1:(\\d+)\"");
        int[] port = {0};
        eventually(() -> {
            Matcher m = address.matcher(home.run("ps", "--json").out);
            if (m.find()) {
                port[0] = Integer.parseInt(m.group(1));
            }
            return port[0] != 0;
        });
        return port[0];
    }

    private PyroProxy proxy(PyroURI uri) throws IOException {
        PyroProxy p = new PyroProxy(uri);
        proxies.add(p);
        return p;
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
