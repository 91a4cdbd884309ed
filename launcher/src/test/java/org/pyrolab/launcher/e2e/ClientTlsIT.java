package org.pyrolab.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.client.ConnectionOptions;
import org.pyrolab.client.Instrument;
import org.pyrolab.client.Lab;
import org.pyrolab.client.PyroUri;
import org.pyrolab.client.RemoteException;
import org.pyrolab.launcher.e2e.Pyrolab.Result;

/**
 * Issue 12: the Java client library ({@code org.pyrolab.client}, PEM files as Pyro5's
 * {@code SSL_CACERTS}, {@code SSL_CLIENTCERT}, {@code SSL_CLIENTKEY}) against the real daemon over
 * TLS, after {@code pyrolab tls init}: one-way, two-way, another lab's CA, an expired server
 * certificate, no client certificate, the lab secret, and {@code pyrolab nslist} of TLS name
 * servers. One daemon serves every case; after each, it still serves.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ClientTlsIT {
    private static final String SECRET = "client-tls-secret-51c2";
    private static final String ONE_WAY = "tls: {cert: tls/server.pem, key: tls/server.key}";
    private static final String TWO_WAY = "tls: {cert: tls/server.pem, key: tls/server.key, ca: tls/ca.pem, require_client_cert: true}";

    private static Pyrolab lab;
    private static Path tls;
    private static int nsPort;
    private static int strictNsPort;

    @BeforeAll
    static void up() throws Exception {
        lab = new Pyrolab();
        try {
            Result init = org.pyrolab.launcher.e2e.Lab.ok(lab, "tls", "init", "--client", "alice");
            tls = lab.home.resolve("tls");
            assertThat(init.out).contains("SSL_CACERTS");
            ExpiredCertificate.write(tls, "expired");
            Path secret = lab.home.resolve("lab.secret");
            Files.writeString(secret, SECRET + "\n");
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
            Path file = lab.home.resolve("lab.yaml");
            Files.writeString(file, "version: \"1.0\"\n"
                    + "nameservers:\n"
                    + "  main:\n    ns_port: 0\n    " + ONE_WAY + "\n"
                    + "  strict:\n    ns_port: 0\n    " + TWO_WAY + "\n"
                    + "daemons:\n"
                    + "  oneway:\n    " + ONE_WAY + "\n"
                    + "  twoway:\n    " + TWO_WAY + "\n"
                    + "  old:\n    tls: {cert: tls/expired.pem, key: tls/expired.key}\n"
                    + "  guarded:\n    " + ONE_WAY + "\n    secret_file: lab.secret\n"
                    + "services:\n"
                    + echo("lab.echo", "oneway", "[main]") + echo("lab.two", "twoway", "[main, strict]")
                    + echo("lab.old", "old", "[main]") + echo("lab.guarded", "guarded", "[main]")
                    + "autolaunch:\n  nameservers: [main, strict]\n  services: [lab.echo, lab.two, lab.old, lab.guarded]\n");
            lab.up("--config", file.toString());
            nsPort = port("main");
            strictNsPort = port("strict");
            org.pyrolab.launcher.e2e.Lab.await("every service registered", () -> {
                try (Lab ns = Lab.locate("127.0.0.1", nsPort, ca())) {
                    return ns.names().keySet().containsAll(List.of("lab.echo", "lab.two", "lab.old", "lab.guarded"));
                } catch (UncheckedIOException e) {
                    return false;
                }
            }, () -> lab.run("ps").out);
        } catch (Throwable t) {
            lab.close();
            throw t;
        }
    }

    @AfterAll
    static void down() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    /** Every case ends with the daemon still serving a TLS client and answering the control port. */
    @AfterEach
    void stillServes() {
        try (Lab ns = Lab.locate("127.0.0.1", nsPort, ca()); Instrument echo = ns.proxy("lab.echo")) {
            assertThat(echo.call("echo", "still here")).isEqualTo("still here");
        }
        assertThat(lab.run("status").exit).isZero();
    }

    private static String echo(String name, String endpoint, String nameservers) {
        return "  " + name + ":\n    driver: sample.echo\n    daemon: " + endpoint + "\n    nameservers: " + nameservers + "\n";
    }

    private static int port(String nameserver) {
        String address = (String) org.pyrolab.launcher.e2e.Lab.row(lab, nameserver).get("address");
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    private static ConnectionOptions ca() {
        return ConnectionOptions.defaults().withTls(tls.resolve("ca.pem"));
    }

    private static ConnectionOptions alice() {
        return ConnectionOptions.defaults().withTls(tls.resolve("ca.pem"), tls.resolve("client-alice.pem"), tls.resolve("client-alice.key"));
    }

    private static PyroUri uri(String name) {
        try (Lab ns = Lab.locate("127.0.0.1", nsPort, ca())) {
            return ns.lookup(name);
        }
    }

    @Test
    void oneWayTlsWithTheLabCa() {
        try (Lab ns = Lab.locate("127.0.0.1", nsPort, ca()); Instrument echo = ns.proxy("lab.echo")) {
            assertThat(echo.call("echo", "hello over tls")).isEqualTo("hello over tls");
            assertThat(echo.uri().toString()).as("URIs stay PYRO:").startsWith("PYRO:lab.echo@127.0.0.1:");
        }
        try (Instrument echo = Lab.connect(uri("lab.echo"), Instrument.class, ca())) {
            assertThat(echo.call("echo", 42)).isEqualTo(42);
        }
        // a plain client gets nothing from a TLS endpoint
        ConnectionOptions plain = ConnectionOptions.defaults().withTimeout(Duration.ofSeconds(3));
        assertThatThrownBy(() -> Lab.connect(uri("lab.echo"), Instrument.class, plain).call("echo", 1)).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void twoWayTlsWithTheClientsCertificate() {
        try (Lab strict = Lab.locate("127.0.0.1", strictNsPort, alice()); Instrument two = strict.proxy("lab.two")) {
            assertThat(two.call("echo", "alice")).isEqualTo("alice");
        }
        // a computer's server certificate from `tls init` is a client certificate too (for registering on a two-way name server elsewhere)
        ConnectionOptions asDaemon = ConnectionOptions.defaults().withTls(tls.resolve("ca.pem"), tls.resolve("server.pem"), tls.resolve("server.key"));
        try (Instrument two = Lab.connect(uri("lab.two"), Instrument.class, asDaemon)) {
            assertThat(two.call("echo", "daemon")).isEqualTo("daemon");
        }
    }

    @Test
    void noClientCertificateIsRefusedWhereOneIsRequired() {
        assertThatThrownBy(() -> {
            try (Instrument two = Lab.connect(uri("lab.two"), Instrument.class, ca())) {
                two.call("echo", "no certificate");
            }
        }).isInstanceOf(UncheckedIOException.class).hasMessageContaining("127.0.0.1:" + uri("lab.two").port())
                .hasMessageContaining("it may require a client certificate from its CA").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Lab.locate("127.0.0.1", strictNsPort, ca())).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void anotherLabsCaIsRefused() throws Exception {
        Path other = lab.root.resolve("other-lab");
        org.pyrolab.launcher.e2e.Lab.ok(lab, "tls", "init", "--dir", other.toString(), "--client", "mallory");
        assertThat(Files.readString(other.resolve("ca.pem"))).isNotEqualTo(Files.readString(tls.resolve("ca.pem")));
        ConnectionOptions wrongCa = ConnectionOptions.defaults().withTls(other.resolve("ca.pem"));
        assertThatThrownBy(() -> Lab.locate("127.0.0.1", nsPort, wrongCa)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("TLS handshake with 127.0.0.1:" + nsPort + " failed: the server's certificate is not signed by a CA this client trusts");
        // the other lab's client certificate does not open the two-way endpoint either
        ConnectionOptions mallory = ConnectionOptions.defaults().withTls(tls.resolve("ca.pem"), other.resolve("client-mallory.pem"),
                other.resolve("client-mallory.key"));
        assertThatThrownBy(() -> {
            try (Instrument two = Lab.connect(uri("lab.two"), Instrument.class, mallory)) {
                two.call("echo", "mallory");
            }
        }).isInstanceOf(UncheckedIOException.class).hasMessageContaining("it may require a client certificate from its CA");
    }

    @Test
    void anExpiredServerCertificateIsRefused() {
        PyroUri old = uri("lab.old");
        assertThatThrownBy(() -> {
            try (Instrument echo = Lab.connect(old, Instrument.class, ca())) {
                echo.call("echo", "stale");
            }
        }).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("TLS handshake with 127.0.0.1:" + old.port() + " failed: the server's certificate has expired");
    }

    @Test
    void theLabSecretOverTls() {
        PyroUri guarded = uri("lab.guarded");
        try (Instrument echo = Lab.connect(guarded, Instrument.class, ca().withSecret(SECRET))) {
            assertThat(echo.call("echo", "member")).isEqualTo("member");
        }
        for (ConnectionOptions without : List.of(ca(), ca().withSecret("not-the-secret"))) {
            assertThatThrownBy(() -> {
                try (Instrument echo = Lab.connect(guarded, Instrument.class, without)) {
                    echo.call("echo", "stranger");
                }
            }).isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.type()).isEqualTo("Pyro5.errors.CommunicationError"))
                    .hasMessageContaining("rejected: this endpoint needs the lab secret");
        }
    }

    @Test
    void nslistListsTlsNameServers() {
        Result first = org.pyrolab.launcher.e2e.Lab.ok(lab, "nslist"); // this daemon's first running name server: main
        assertThat(first.out).contains("lab.echo --> PYRO:lab.echo@127.0.0.1:", "lab.guarded --> ");
        List<Map<String, Object>> strict = Json.objects(org.pyrolab.launcher.e2e.Lab.ok(lab, "nslist", "--host", "localhost", "--port",
                String.valueOf(strictNsPort), "--json").out);
        assertThat(strict).extracting(row -> row.get("name")).contains("Pyro.NameServer", "lab.two").doesNotContain("lab.echo");
    }
}
