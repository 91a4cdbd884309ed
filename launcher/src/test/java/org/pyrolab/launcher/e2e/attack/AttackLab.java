package org.pyrolab.launcher.e2e.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.pyrolab.launcher.e2e.Json;
import org.pyrolab.launcher.e2e.Lab;
import org.pyrolab.launcher.e2e.Pyrolab;

import net.razorvine.pyro.NameServerProxy;

/**
 * The installation the Pyro5 attack suites hit: started once per class in a temporary
 * PYROLAB_HOME, with a name server and an endpoint on free ports, and a {@code sample.echo}
 * service on the endpoint, registered on the name server. The endpoint's limits are tightened so
 * that attacks reach them in seconds; the name server keeps the defaults (it has no keys for them).
 */
final class AttackLab {
    /** The endpoint's {@code max_connections}. */
    static final int MAX_CONNECTIONS = 64;
    /** The endpoint's {@code max_message_size}: the default, written out. */
    static final int MAX_MESSAGE = 16 << 20;
    /** The endpoint's {@code message_deadline}. */
    static final Duration DEADLINE = Duration.ofSeconds(8); // room for a busy 2-core machine; the tests wait for it
    /** The name server's limits, which no key changes (PyroServerConfig and NameServerConfig defaults). */
    static final int NS_MAX_CONNECTIONS = 256;
    static final Duration NS_DEADLINE = Duration.ofSeconds(20);
    static final int NS_MAX_ENTRIES = 10_000;
    /** What a message holds of the in-flight budget as soon as its header has arrived (MessageCodec's first chunk). */
    static final long FIRST_CHUNK = 64 * 1024;

    static final String ECHO = "lab.echo";
    static final String NAME_SERVER = "Pyro.NameServer";

    final Pyrolab pyrolab;
    final int endpointPort;
    final int nsPort;
    final Survival survival;
    private final ExecutorService timer = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "attack-timer");
        t.setDaemon(true);
        return t;
    });

    private AttackLab(Pyrolab pyrolab, int endpointPort, int nsPort, Survival survival) {
        this.pyrolab = pyrolab;
        this.endpointPort = endpointPort;
        this.nsPort = nsPort;
        this.survival = survival;
    }

    static String config(int endpointPort, int nsPort) {
        return "version: \"1.0\"\n"
                + "nameservers:\n  main:\n    ns_port: " + nsPort + "\n"
                + "daemons:\n  ep:\n    port: " + endpointPort + "\n    nameservers: [main]\n"
                + "    max_connections: " + MAX_CONNECTIONS + "\n    max_message_size: " + MAX_MESSAGE + "\n"
                + "    message_deadline: " + DEADLINE.toSeconds() + "\n"
                + "services:\n  " + ECHO + ":\n    driver: sample.echo\n    description: the attacks' witness\n"
                + "    daemon: ep\n    nameservers: [main]\n"
                + "autolaunch:\n  nameservers: [main]\n  daemons: [ep]\n  services: [" + ECHO + "]\n";
    }

    /** Starts the installation and waits until the echo service is served and registered. */
    static AttackLab start() throws Exception {
        Pyrolab pyrolab = new Pyrolab();
        try {
            int endpointPort = freePort();
            int nsPort = freePort();
            while (nsPort == endpointPort) {
                nsPort = freePort();
            }
            Path config = Lab.write(pyrolab.root.resolve("lab.yaml"), config(endpointPort, nsPort));
            pyrolab.up("--config", config.toString());
            String echoAddress = "PYRO:" + ECHO + "@127.0.0.1:" + endpointPort;
            String nsAddress = "PYRO:" + NAME_SERVER + "@127.0.0.1:" + nsPort;
            Lab.await("the echo service and the name server run", () -> {
                List<Map<String, Object>> rows = Json.objects(pyrolab.run("ps", "--json").out);
                return rows.stream().anyMatch(r -> "RUNNING".equals(r.get("state")) && echoAddress.equals(r.get("address")))
                        && rows.stream().anyMatch(r -> "RUNNING".equals(r.get("state")) && nsAddress.equals(r.get("address")));
            }, () -> pyrolab.run("ps").out);
            int ns = nsPort;
            Lab.await("the echo service is registered on the name server", () -> {
                NameServerProxy proxy = null;
                try {
                    proxy = new NameServerProxy("127.0.0.1", ns);
                    return proxy.lookup(ECHO).port == endpointPort;
                } catch (IOException | net.razorvine.pyro.PyroException notYet) {
                    return false;
                } finally {
                    if (proxy != null) {
                        proxy.close();
                    }
                }
            });
            Survival survival = new Survival(pyrolab);
            assertThat(survival.assertEchoWithin(Lab.PATIENCE)).as("the lab serves an echo service").isTrue();
            return new AttackLab(pyrolab, endpointPort, nsPort, survival);
        } catch (Throwable t) {
            pyrolab.close();
            throw t;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    Map<String, Object> status() {
        return survival.status();
    }

    long statusNumber(String field) {
        return Survival.number(status(), field);
    }

    /** Runs {@code work} and fails unless it returns within {@code limit}; {@code onTimeout} unblocks it (closes its socket). */
    <T> T within(Duration limit, String what, Callable<T> work, Runnable onTimeout) throws Exception {
        Future<T> f = timer.submit(work);
        try {
            return f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            onTimeout.run();
            f.cancel(true);
            throw new AssertionError(what + ": no answer within " + limit);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            throw new AssertionError(what, e.getCause());
        }
    }

    /** A fresh Pyrolite name server proxy (connection and handshake included) answers {@code ping()} and {@code lookup} within {@code limit}. */
    void assertNameServerAnswersWithin(Duration limit) throws Exception {
        NameServerProxy[] proxy = {null};
        try {
            int port = within(limit, "a fresh Pyrolite client of the name server", () -> {
                proxy[0] = new NameServerProxy("127.0.0.1", nsPort);
                proxy[0].ping();
                return proxy[0].lookup(ECHO).port;
            }, () -> {
                if (proxy[0] != null) {
                    proxy[0].close();
                }
            });
            assertThat(port).isEqualTo(endpointPort);
        } finally {
            if (proxy[0] != null) {
                proxy[0].close();
            }
        }
    }

    /** Every check of {@link Survival}, the name server answering too; then waits until the attack has left nothing behind. */
    void assertSurvivedAndIdle() throws Exception {
        survival.assertSurvived();
        assertNameServerAnswersWithin(Survival.ECHO_WITHIN);
        survival.awaitIdle();
    }

    /** Lines of the daemon log that mention {@code part}, for the test report. */
    String logLines(String part) throws IOException {
        return pyrolab.daemonLog().lines().filter(l -> l.contains(part)).collect(Collectors.joining("\n"));
    }

    /** Keeps the daemon's logs in {@code target/attack-logs/<suite>/} (the temporary home is deleted), then stops everything. */
    void close(String suite) throws Exception {
        try {
            timer.shutdownNow();
            Path logs = pyrolab.home.resolve("logs");
            Path keep = Paths.get("target", "attack-logs", suite).toAbsolutePath();
            if (Files.isDirectory(logs)) {
                Files.createDirectories(keep);
                try (Stream<Path> files = Files.list(logs)) {
                    for (Path f : files.collect(Collectors.toList())) {
                        Files.copy(f, keep.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } finally {
            pyrolab.close();
        }
    }
}
