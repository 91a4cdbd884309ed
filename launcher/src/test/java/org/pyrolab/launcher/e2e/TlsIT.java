package org.pyrolab.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.launcher.e2e.Pyrolab.Result;
import org.pyrolab.pyro5.client.ClientOptions;
import org.pyrolab.pyro5.client.PyroClient;
import org.pyrolab.pyro5.serial.PyroUri;
import org.pyrolab.pyro5.tls.TlsFiles;

/**
 * Issue 12, item 1 through the installation: {@code pyrolab tls init}, then a daemon whose
 * endpoint and name server speak TLS with client certificates required, reached by our Java client
 * and by a Python client that does TLS exactly as Pyro5's SSL mode (stdlib {@code ssl}).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class TlsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int TIMEOUT_MS = 5000;

    private Pyrolab lab;
    private Path tls;

    @BeforeEach
    void init() throws Exception {
        lab = new Pyrolab();
        Result init = lab.run("tls", "init", "--client", "alice");
        assertThat(init.exit).as("%s", init).isZero();
        tls = lab.home.resolve("tls");
        assertThat(init.out).contains("Pyro5.config.SSL = True", "SSL_CACERTS = \"" + tls.resolve("ca.pem") + "\"",
                "SSL_CLIENTCERT = \"" + tls.resolve("client-alice.pem") + "\"", "require_client_cert: true");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls))).isEqualTo("rwx------");
        for (String key : List.of("ca.key", "server.key", "client-alice.key")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve(key)))).as(key).isEqualTo("rw-------");
        }
        String ca = Files.readString(tls.resolve("ca.pem"));
        Result again = lab.run("tls", "init");
        assertThat(again.out).as("%s", again).startsWith("Kept the lab CA");
        assertThat(Files.readString(tls.resolve("ca.pem"))).as("an existing CA is never replaced without --force").isEqualTo(ca);
    }

    @AfterEach
    void down() throws Exception {
        lab.close();
    }

    /** Relative paths: the configuration file sits in the home, beside the tls folder. */
    private static String config(String tlsBlock) {
        return "version: \"1.0\"\n"
                + "nameservers:\n  main:\n    host: localhost\n    ns_port: 0\n" + tlsBlock
                + "daemons:\n  lab:\n    host: localhost\n    port: 0\n    nameservers: [main]\n" + tlsBlock
                + "services:\n  lab.echo:\n    driver: sample.echo\n    daemon: lab\n    nameservers: [main]\n"
                + "autolaunch:\n  nameservers: [main]\n  services: [lab.echo]\n";
    }

    private static final String TWO_WAY = "    tls: {cert: tls/server.pem, key: tls/server.key, ca: tls/ca.pem, require_client_cert: true}\n";

    private int upWithTls() throws Exception {
        Path file = lab.home.resolve("lab.yaml");
        Files.writeString(file, config(TWO_WAY));
        lab.up("--config", file.toString());
        return nameserverPort();
    }

    private SSLContext alice() throws IOException {
        return new TlsFiles(tls.resolve("client-alice.pem"), tls.resolve("client-alice.key"), tls.resolve("ca.pem"), false).client();
    }

    @Test
    void javaClientLooksUpAndCallsOverTwoWayTls() throws Exception {
        int nsPort = upWithTls();
        ClientOptions options = ClientOptions.plain(TIMEOUT_MS).withTls(alice());

        PyroUri uri = lookup(nsPort, options);
        try (PyroClient echo = new PyroClient(uri.host(), uri.port(), uri.object(), options)) {
            assertThat(echo.call("echo", "hello")).isEqualTo("hello");
        }
        assertThat(uri.toString()).as("URIs stay plain PYRO:").startsWith("PYRO:lab.echo@");
        assertThat(lab.run("ps", "--json").out).contains("Pyro5 endpoint, TLS").contains("Pyro5 name server, TLS");

        // without a client certificate: refused (the CA alone is not enough when require_client_cert)
        ClientOptions noCert = ClientOptions.plain(TIMEOUT_MS).withTls(new TlsFiles(null, null, tls.resolve("ca.pem"), false).client());
        assertThatThrownBy(() -> {
            try (PyroClient c = new PyroClient(uri.host(), uri.port(), uri.object(), noCert)) {
                c.call("echo", 1);
            }
        }).isInstanceOf(IOException.class);
    }

    @Test
    void pythonClientWithStdlibSslAsPyro5DoesIt() throws Exception {
        int nsPort = upWithTls();
        lookup(nsPort, ClientOptions.plain(TIMEOUT_MS).withTls(alice())); // registered by now

        Result ok = python("127.0.0.1", nsPort, tls.resolve("client-alice.pem").toString(), tls.resolve("client-alice.key").toString());
        assertThat(ok.exit).as("%s", ok).isZero();
        assertThat(ok.out).contains("\"echo\": \"hello over tls\"").containsPattern("\"tls\": \"TLSv1\\.[23]\"");

        Result noCert = python("127.0.0.1", nsPort);
        assertThat(noCert.exit).as("no client certificate: %s", noCert).isEqualTo(1);
    }

    @Test
    void aPlainClientFailsCleanlyAndTheDaemonGoesOn() throws Exception {
        int nsPort = upWithTls();
        ClientOptions options = ClientOptions.plain(TIMEOUT_MS).withTls(alice());
        PyroUri uri = lookup(nsPort, options);

        assertThatThrownBy(() -> new PyroClient(uri.host(), uri.port(), uri.object(), TIMEOUT_MS).close()).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> new PyroClient("127.0.0.1", nsPort, "Pyro.NameServer", TIMEOUT_MS).close()).isInstanceOf(IOException.class);

        try (PyroClient echo = new PyroClient(uri.host(), uri.port(), uri.object(), options)) {
            assertThat(echo.call("echo", "still here")).isEqualTo("still here");
        }
        assertThat(lab.run("status").exit).isZero();
        assertThat(lab.daemonLog()).contains("TLS handshake failed");
    }

    @Test
    void aMissingTlsFileIsOneSentenceAtValidationAndAtUp() throws Exception {
        Path bad = lab.home.resolve("bad.yaml");
        Files.writeString(bad, config("    tls: {cert: tls/nowhere.pem, key: tls/server.key}\n"));

        Result up = lab.run("up", "--config", bad.toString());
        assertThat(up.exit).as("%s", up).isEqualTo(1);
        String missing = lab.home.resolve("tls/nowhere.pem") + " does not exist";
        assertThat(up.err).contains("daemons.lab.tls.cert: " + missing).contains("nameservers.main.tls.cert: " + missing)
                .doesNotContain("a client certificate needs").doesNotContain("\tat ");
        assertThat(lab.lock()).as("nothing left running").isEmpty();

        Path good = lab.home.resolve("lab.yaml");
        Files.writeString(good, config(TWO_WAY));
        lab.up("--config", good.toString());
        Result validate = lab.run("config", "validate", bad.toString());
        assertThat(validate.exit).as("%s", validate).isEqualTo(1);
        assertThat(validate.out + validate.err).contains("daemons.lab.tls.cert: " + missing);
    }

    private Result python(String host, int nsPort, String... clientFiles) throws Exception {
        Path script = lab.root.resolve("pyro5_tls_client.py");
        try (var in = TlsIT.class.getResourceAsStream("/pyro5_tls_client.py")) {
            Files.write(script, in.readAllBytes());
        }
        List<String> cmd = new ArrayList<>(List.of("python3", script.toString(), host, String.valueOf(nsPort), "lab.echo",
                tls.resolve("ca.pem").toString()));
        cmd.addAll(List.of(clientFiles));
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private static PyroUri lookup(int nsPort, ClientOptions options) throws Exception {
        PyroUri[] found = {null};
        eventually(() -> {
            try (PyroClient ns = new PyroClient("127.0.0.1", nsPort, "Pyro.NameServer", options)) {
                found[0] = PyroUri.parse(String.valueOf(ns.call("lookup", "lab.echo")));
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        return found[0];
    }

    private int nameserverPort() throws Exception {
        Pattern address = Pattern.compile("\"name\" : \"main\",\\s*\"state\" : \"RUNNING\",[^}]*\"address\" : \"PYRO:Pyro\\.NameServer@127\\.0\\.0\\.1:(\\d+)\"");
        int[] port = {0};
        eventually(() -> {
            Matcher m = address.matcher(lab.run("ps", "--json").out);
            if (m.find()) {
                port[0] = Integer.parseInt(m.group(1));
            }
            return port[0] != 0;
        });
        return port[0];
    }

    private static void eventually(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            Thread.sleep(100); // polling a condition, not waiting a fixed time
        }
    }
}
