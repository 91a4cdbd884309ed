package org.pyrolab.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.pyrolab.launcher.e2e.Pyrolab.Result;

import net.razorvine.pyro.NameServerProxy;
import net.razorvine.pyro.PyroException;
import net.razorvine.pyro.PyroURI;

/** What the issue-3 e2e tests share: configuration files, {@code ps --json}, waiting without timed assertions. */
public final class Lab {
    /** Generous: a wait that ends early is no assertion about speed. */
    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private Lab() {
    }

    public static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A loopback port nobody listens on (it was free a moment ago). */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Runs a command that must succeed, and returns it. */
    static Result ok(Pyrolab pyrolab, String... args) {
        Result r = pyrolab.run(args);
        assertThat(r.exit).as("pyrolab %s: %s", String.join(" ", args), r).isZero();
        return r;
    }

    static List<Map<String, Object>> ps(Pyrolab pyrolab) {
        return Json.objects(ok(pyrolab, "ps", "--json").out);
    }

    /** The {@code ps --json} row of one entry; fails if there is none. */
    static Map<String, Object> row(Pyrolab pyrolab, String name) {
        return ps(pyrolab).stream().filter(r -> name.equals(r.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no `" + name + "` in ps --json"));
    }

    static String state(Pyrolab pyrolab, String name) {
        return (String) row(pyrolab, name).get("state");
    }

    static void awaitState(Pyrolab pyrolab, String name, String state) {
        await(name + " " + state, () -> state.equals(state(pyrolab, name)), () -> ok(pyrolab, "ps").out);
    }

    /** Looks a name up with Pyrolite on the loopback name server at {@code nsPort}, waiting for it to be registered. */
    static PyroURI pyroliteLookup(int nsPort, String name) {
        PyroURI[] found = {null};
        await(name + " registered on the name server at port " + nsPort, () -> {
            NameServerProxy ns = null;
            try {
                ns = new NameServerProxy("127.0.0.1", nsPort);
                found[0] = ns.lookup(name);
                return true;
            } catch (PyroException | IOException e) {
                return false;
            } finally {
                if (ns != null) {
                    ns.close();
                }
            }
        });
        return found[0];
    }

    public static void await(String what, Callable<Boolean> condition) {
        await(what, condition, () -> "");
    }

    /** Polls until {@code condition} holds; fails after {@link #PATIENCE} with {@code context} in the message. */
    public static void await(String what, Callable<Boolean> condition, Callable<String> context) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        try {
            while (!condition.call()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("not within " + PATIENCE + ": " + what + "\n" + context.call());
                }
                Thread.sleep(100);
            }
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(what, e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Lines of {@code text} that contain {@code part}. */
    static long count(String text, String part) {
        return text.lines().filter(l -> l.contains(part)).count();
    }
}
