package org.pyrolab.launcher.e2e.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.pyrolab.control.ControlChannel;
import org.pyrolab.control.ControlChannel.Frame;
import org.pyrolab.control.ControlChannel.Hello;
import org.pyrolab.launcher.e2e.Json;
import org.pyrolab.launcher.e2e.Lab;
import org.pyrolab.launcher.e2e.Pyrolab;
import org.pyrolab.launcher.e2e.Pyrolab.Result;

import net.razorvine.pyro.PyroProxy;
import net.razorvine.pyro.PyroURI;

/**
 * What "the daemon survived" means after an attack, the same for every attack test (control
 * channel, Pyro5): it is the same process, {@code pyrolab status} answers, its heap is within
 * {@link #HEAP_BUDGET}, and a served {@code sample.echo} service answers a fresh Pyro5 client
 * within {@link #ECHO_WITHIN}. Create it after {@code up} and before the attack.
 */
public final class Survival {
    /**
     * Heap the daemon may report in use after an attack, garbage included: half the default
     * {@code -Xmx512m}. An idle daemon uses a few tens of MiB; with the serial collector's young
     * generation (a third of the heap) full of garbage it stays well below this. A daemon that
     * kept what attackers announced or sent would not.
     */
    public static final long HEAP_BUDGET = 256L << 20;
    /** How soon a fresh Pyro5 client must have its echo back, connection and handshake included. */
    public static final Duration ECHO_WITHIN = Duration.ofSeconds(1);

    private final Pyrolab pyrolab;
    private final long pid;
    private final long connectionsBefore;

    /** Remembers the daemon's pid and remote connections, and warms this JVM's Pyrolite up so that the timed echo times the daemon. */
    public Survival(Pyrolab pyrolab) throws Exception {
        this.pyrolab = pyrolab;
        Map<String, Object> status = status();
        this.pid = number(status, "pid");
        this.connectionsBefore = number(status, "connections");
        Optional<PyroURI> echo = echoService();
        if (echo.isPresent()) {
            echo(echo.get(), Lab.PATIENCE);
        }
    }

    /** Every check: same process, status answers, heap within budget, echo within {@link #ECHO_WITHIN} when one is served. */
    public void assertSurvived() throws Exception {
        assertSameProcess();
        assertStatusAnswers();
        assertHeapWithinBudget();
        assertEchoWithin(ECHO_WITHIN);
    }

    /**
     * {@code status --json} as a map, asked over the control channel from this JVM: the same
     * command as {@code pyrolab status --json} without starting a JVM, so polling stays cheap.
     */
    public Map<String, Object> status() {
        return Json.object(ask("status", "--json"));
    }

    /** Runs a command in the daemon over the control channel, without starting a JVM; see {@link Pyrolab#ask}. */
    public String ask(String... args) {
        return pyrolab.ask(args);
    }

    /** The pid that {@code pyrolab status --json} (the real command) reports is the one from before. */
    public void assertSameProcess() {
        Result r = pyrolab.run("status", "--json");
        assertThat(r.exit).as("pyrolab status --json: %s", r).isZero();
        assertThat(number(Json.object(r.out), "pid")).as("the daemon's pid: it must not have died and been replaced").isEqualTo(pid);
    }

    public void assertStatusAnswers() {
        Result r = pyrolab.run("status");
        assertThat(r.exit).as("pyrolab status: %s", r).isZero();
        assertThat(r.out).startsWith("PyroLab daemon is running\n");
    }

    public void assertHeapWithinBudget() {
        Map<String, Object> status = status();
        assertThat(number(status, "heapUsed")).as("heap in use (bytes) against Survival.HEAP_BUDGET; status: %s", status)
                .isPositive().isLessThan(HEAP_BUDGET);
    }

    /**
     * When the daemon serves a running {@code sample.echo} service on an endpoint, calls its
     * {@code echo} with a new Pyrolite proxy and asserts the answer within {@code limit}; returns
     * false (and checks nothing) when none is served.
     */
    public boolean assertEchoWithin(Duration limit) throws Exception {
        Optional<PyroURI> uri = echoService();
        if (uri.isEmpty()) {
            return false;
        }
        Duration took = echo(uri.get(), limit);
        assertThat(took).as("echo from %s", uri.get()).isLessThan(limit);
        return true;
    }

    /** Waits until the attack has left nothing behind: one control client (the status asking), no partial Pyro5 messages, no more Pyro5 connections than before. */
    public void awaitIdle() {
        Map<String, Object>[] last = new Map[1];
        Lab.await("the daemon back to idle", () -> {
            try {
                last[0] = status();
            } catch (AssertionError e) {
                if (String.valueOf(e.getMessage()).contains("the daemon is busy")) {
                    return false; // the attack's clients are still leaving their slots
                }
                throw e;
            }
            return number(last[0], "controlClients") == 1 && number(last[0], "inFlightBytes") == 0
                    && number(last[0], "connections") <= connectionsBefore;
        }, () -> "status --json: " + last[0]);
    }

    public static long number(Map<String, Object> json, String field) {
        Object value = json.get(field);
        assertThat(value).as("%s in %s", field, json).isInstanceOf(Number.class);
        return ((Number) value).longValue();
    }

    /** The address of a running, served sample.echo service, if there is one. */
    private Optional<PyroURI> echoService() throws IOException {
        List<Map<String, Object>> rows = Json.objects(ask("ps", "--json"));
        for (Map<String, Object> row : rows) {
            Object address = row.get("address");
            if ("service".equals(row.get("kind")) && "RUNNING".equals(row.get("state")) && "sample.echo".equals(row.get("driver"))
                    && address instanceof String && ((String) address).startsWith("PYRO:")) {
                return Optional.of(new PyroURI((String) address));
            }
        }
        return Optional.empty();
    }

    /** One echo through a new proxy, bounded by {@code limit} (Pyrolite has no timeout: the proxy is closed instead); returns how long it took. */
    private static Duration echo(PyroURI uri, Duration limit) throws Exception {
        ExecutorService caller = Executors.newSingleThreadExecutor();
        PyroProxy proxy = new PyroProxy(uri);
        try {
            long start = System.nanoTime();
            Future<Object> answer = caller.submit(() -> proxy.call("echo", "still there?"));
            try {
                assertThat(answer.get(limit.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("still there?");
            } catch (TimeoutException e) {
                throw new AssertionError("no echo from " + uri + " within " + limit);
            } catch (ExecutionException e) {
                throw new AssertionError("echo from " + uri + " failed", e.getCause());
            }
            return Duration.ofNanos(System.nanoTime() - start);
        } finally {
            proxy.close();
            caller.shutdownNow();
        }
    }
}
