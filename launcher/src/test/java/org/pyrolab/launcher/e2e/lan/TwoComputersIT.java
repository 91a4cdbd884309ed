package org.pyrolab.launcher.e2e.lan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.launcher.e2e.Pyrolab;
import org.pyrolab.launcher.e2e.Pyrolab.Result;

/**
 * Issue 12 across a network: two "computers" (network namespaces joined by a veth link). Computer
 * A runs the lab's name server with TLS, a lab secret and an allow list; computer B runs an
 * endpoint with TLS and the secret and registers its service on A's name server across the link.
 * A client on A, doing TLS as Pyro5's SSL mode does, looks the name up and calls the service on B.
 * Then the cable is pulled: A's name server drops the name (autoclean), and once the cable is back
 * B's daemon registers it again without anyone's help.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class TwoComputersIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int NS_PORT = 9090; // each namespace has all its ports free
    private static final String SECRET = "correct horse battery staple\n";

    private TwoComputers lan;
    private Pyrolab a;
    private Pyrolab b;

    @BeforeEach
    void computers() throws Exception {
        lan = TwoComputers.create();
        a = new Pyrolab().through(TwoComputers.on(lan.a, List.of()));
        b = new Pyrolab().through(TwoComputers.on(lan.b, List.of()));
    }

    @AfterEach
    void shutdown() throws Exception {
        try {
            for (Pyrolab lab : new Pyrolab[] {b, a}) {
                if (lab != null) {
                    lab.close();
                }
            }
        } finally {
            lan.close();
        }
    }

    @Test
    void aServiceOnOneComputerIsFoundAndCalledFromTheOtherAndComesBackAfterTheLinkIsCut() throws Exception {
        String subnet = lan.a.address().substring(0, lan.a.address().lastIndexOf('.')) + ".0/24";
        // the lab CA is made on A; B gets a copy of it (as docs/security.md says) and its own certificates
        ok(a, "tls", "init", "--client", "alice");
        Path tlsB = Files.createDirectories(b.home.resolve("tls"));
        Files.setPosixFilePermissions(tlsB, PosixFilePermissions.fromString("rwx------"));
        for (String file : List.of("ca.pem", "ca.key")) {
            Files.copy(a.home.resolve("tls").resolve(file), tlsB.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
        }
        ok(b, "tls", "init", "--client", "daemon-b");
        for (Pyrolab lab : List.of(a, b)) {
            Path secret = lab.home.resolve("lab.secret");
            Files.writeString(secret, SECRET);
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        }

        String nameserver = "version: \"1.0\"\n"
                + "nameservers:\n  labns:\n    host: " + lan.a.address() + "\n    ns_port: " + NS_PORT + "\n"
                + "    ns_autoclean: 1\n"
                + "    tls: {cert: tls/server.pem, key: tls/server.key, ca: tls/ca.pem}\n"
                + "    secret_file: lab.secret\n"
                + "    allow: [loopback, " + subnet + "]\n"
                + "autolaunch:\n  nameservers: [labns]\n";
        Path configA = write(a.home.resolve("a.yaml"), nameserver);
        a.up("--config", configA.toString());

        String endpoint = "version: \"1.0\"\n"
                // A's name server, reached as a TLS client with B's certificate and the secret
                + "nameservers:\n  labns:\n    host: " + lan.a.address() + "\n    ns_port: " + NS_PORT + "\n"
                + "    tls: {cert: tls/client-daemon-b.pem, key: tls/client-daemon-b.key, ca: tls/ca.pem}\n"
                + "    secret_file: lab.secret\n"
                + "daemons:\n  lab:\n    host: " + lan.b.address() + "\n    port: 0\n    nameservers: [labns]\n"
                + "    tls: {cert: tls/server.pem, key: tls/server.key, ca: tls/ca.pem}\n"
                + "    secret_file: lab.secret\n"
                + "    allow: [loopback, " + subnet + "]\n"
                + "services:\n  lab.echo:\n    driver: sample.echo\n    daemon: lab\n    nameservers: [labns]\n"
                + "autolaunch:\n  services: [lab.echo]\n";
        Path configB = write(b.home.resolve("b.yaml"), endpoint);
        b.up("--config", configB.toString());

        // a client on A finds the service registered from B and calls it on B, over TLS with the secret
        Result call = eventually("a client on A calls lab.echo on B", () -> {
            Result r = client(false);
            return r.exit == 0 ? r : null;
        });
        assertThat(call.out).contains("\"uri\": \"PYRO:lab.echo@" + lan.b.address() + ":")
                .contains("\"echo\": \"hello over tls\"").containsPattern("\"tls\": \"TLSv1\\.[23]\"");

        // without the secret B's endpoint refuses the call (the name server still answers the lookup)
        Result noSecret = client(false, Map.of("LAB_SECRET", "hello"));
        assertThat(noSecret.exit).as("%s", noSecret).isEqualTo(1);
        assertThat(noSecret.err).contains("lab secret");

        // pull the cable: A's name server finds B's endpoint gone and drops the name
        lan.cut();
        eventually("A's name server drops lab.echo while B is unreachable", () -> {
            Result r = client(true);
            return r.exit != 0 && r.err.contains("NamingError") ? r : null;
        });

        // plug it back in: B's daemon notices its registration is missing and registers it again
        lan.restore();
        Result back = eventually("lab.echo is registered again and answers", () -> {
            Result r = client(false);
            return r.exit == 0 ? r : null;
        });
        assertThat(back.out).contains("\"echo\": \"hello over tls\"");
        assertThat(ok(b, "status").out).as("B's daemon ran throughout").contains("running");
    }

    /** The Python client, run on computer A; {@code lookupOnly} stops after the name server. */
    private Result client(boolean lookupOnly) throws Exception {
        return client(lookupOnly, Map.of());
    }

    private Result client(boolean lookupOnly, Map<String, String> env) throws Exception {
        Path script = a.root.resolve("pyro5_tls_client.py");
        if (!Files.exists(script)) {
            try (var in = TwoComputersIT.class.getResourceAsStream("/pyro5_tls_client.py")) {
                Files.write(script, in.readAllBytes());
            }
        }
        Path tls = a.home.resolve("tls");
        List<String> command = TwoComputers.on(lan.a, List.of("python3", script.toString(), lan.a.address(), String.valueOf(NS_PORT),
                "lab.echo", tls.resolve("ca.pem").toString(), tls.resolve("client-alice.pem").toString(), tls.resolve("client-alice.key").toString()));
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("LAB_SECRET", SECRET.strip());
        builder.environment().put("LOOKUP_ONLY", lookupOnly ? "1" : "0");
        builder.environment().putAll(env);
        Path out = Files.createTempFile(a.root, "client", ".out");
        Path err = Files.createTempFile(a.root, "client", ".err");
        Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the Python client did not finish within 60 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static Result ok(Pyrolab lab, String... args) {
        Result r = lab.run(args);
        assertThat(r.exit).as("pyrolab %s: %s", String.join(" ", args), r).isZero();
        return r;
    }

    private static Path write(Path file, String text) throws IOException {
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Polls until {@code condition} gives a value; a wait that ends early asserts nothing about speed. */
    private static <T> T eventually(String what, Callable<T> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            T value = condition.call();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(200); // polling a condition, not waiting a fixed time
        }
    }
}
