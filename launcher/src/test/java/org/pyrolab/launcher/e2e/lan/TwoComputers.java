package org.pyrolab.launcher.e2e.lan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two computers on one machine: two Linux network namespaces joined by a veth pair, each with its
 * own loopback and one address on a private /24. A process started through {@link #on} sees only
 * its computer's network, as a daemon on another lab PC would. Needs root and iproute2 (CI has
 * both); where namespaces cannot be made, {@link #create} fails with a sentence saying so, so the
 * test fails instead of passing without having crossed a network.
 */
final class TwoComputers implements AutoCloseable {

    /** One side of the link. */
    record Computer(String namespace, String address, String device) {
    }

    final Computer a;
    final Computer b;

    private TwoComputers(Computer a, Computer b) {
        this.a = a;
        this.b = b;
    }

    /** Makes both namespaces and the link between them, up. */
    static TwoComputers create() throws IOException, InterruptedException {
        // names unique to this JVM, so parallel runs and leftovers of a killed run do not collide
        long tag = ProcessHandle.current().pid() % 100_000;
        int subnet = (int) (tag % 200) + 20;
        Computer a = new Computer("pla" + tag, "10.213." + subnet + ".1", "pla" + tag + "v");
        Computer b = new Computer("plb" + tag, "10.213." + subnet + ".2", "plb" + tag + "v");
        TwoComputers lan = new TwoComputers(a, b);
        try {
            for (Computer c : List.of(a, b)) {
                ip("netns", "del", c.namespace).ignoreFailure(); // a leftover of a killed run
                ip("netns", "add", c.namespace).orFail("network namespaces are not available here");
                ip("-n", c.namespace, "link", "set", "lo", "up").orFail("cannot bring up loopback in " + c.namespace);
            }
            ip("link", "add", a.device, "netns", a.namespace, "type", "veth", "peer", "name", b.device, "netns", b.namespace)
                    .orFail("cannot create a veth pair between the namespaces");
            for (Computer c : List.of(a, b)) {
                ip("-n", c.namespace, "addr", "add", c.address + "/24", "dev", c.device).orFail("cannot address " + c.device);
                ip("-n", c.namespace, "link", "set", c.device, "up").orFail("cannot bring up " + c.device);
            }
            return lan;
        } catch (IOException | InterruptedException | RuntimeException e) {
            lan.close();
            throw e;
        }
    }

    /** {@code command} as it runs on {@code computer}. */
    static List<String> on(Computer computer, List<String> command) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", computer.namespace));
        all.addAll(command);
        return all;
    }

    /** Pulls the cable: b's side of the link goes down. */
    void cut() throws IOException, InterruptedException {
        ip("-n", b.namespace, "link", "set", b.device, "down").orFail("cannot take the link down");
    }

    /** Plugs it back in. */
    void restore() throws IOException, InterruptedException {
        ip("-n", b.namespace, "link", "set", b.device, "up").orFail("cannot bring the link up");
    }

    /** Removes both namespaces (and so the link); processes still inside keep running until stopped. */
    @Override
    public void close() throws IOException, InterruptedException {
        for (Computer c : List.of(a, b)) {
            ip("netns", "del", c.namespace).ignoreFailure();
        }
    }

    private record Outcome(int exit, String output, List<String> command) {
        void orFail(String what) {
            if (exit != 0) {
                throw new IllegalStateException(what + " (`" + String.join(" ", command) + "` exited " + exit + ": "
                        + output.strip() + "); this test needs root and iproute2's `ip netns`, as CI has");
            }
        }

        void ignoreFailure() {
        }
    }

    private static Outcome ip(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Outcome(127, e.getMessage(), command);
        }
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Outcome(124, "timed out", command);
        }
        return new Outcome(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8), command);
    }
}
