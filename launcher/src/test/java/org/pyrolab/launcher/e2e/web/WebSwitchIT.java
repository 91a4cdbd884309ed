package org.pyrolab.launcher.e2e.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.launcher.e2e.Lab;
import org.pyrolab.launcher.e2e.Pyrolab;
import org.pyrolab.launcher.e2e.Pyrolab.Result;
import org.pyrolab.pyro5.tls.TlsFiles;

/**
 * Issue 14's switch: with {@code web:} absent or off nothing of the page is installed and no
 * HTTP port opens; {@code reload} turns it on, moves it and turns it off; beyond loopback only
 * TLS (its own certificate or an endpoint's); {@code web --open} hands the link to the browser.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class WebSwitchIT {
    static final String OFF = "pyrolab: The web page is off; add `web: on` to the configuration and run `pyrolab reload`.";
    static final String SERVICES = "version: \"1.0\"\nservices:\n  a.echo:\n    driver: sample.echo\nautolaunch:\n  services: [a.echo]\n";

    private static Result ok(Pyrolab lab, String... args) {
        Result r = lab.run(args);
        assertThat(r.exit).as("pyrolab %s: %s", String.join(" ", args), r).isZero();
        return r;
    }

    /** What the framework has installed: no bundle of the web folder unless the page is on. */
    private static boolean webInstalled(Pyrolab lab) {
        String lb = ok(lab, "shell", "-c", "lb").out;
        assertThat(lb).contains("PyroLab daemon");
        return lb.contains("Jetty") || lb.contains("PyroLab web") || lb.contains("Servlet API");
    }

    private static void assertOff(Pyrolab lab) throws IOException {
        assertThat(webInstalled(lab)).as("web bundles installed").isFalse();
        Result web = lab.run("web");
        assertThat(web.exit).as("%s", web).isEqualTo(1);
        assertThat(web.err.strip()).isEqualTo(OFF);
        assertThat(lab.daemonLog()).doesNotContain("the web page serves at");
    }

    private static Path config(Pyrolab lab, String web) {
        return Lab.write(lab.home.resolve("lab.yaml"), SERVICES + web);
    }

    private static void reload(Pyrolab lab, String web, String says) {
        ok(lab, "config", "update", config(lab, web).toString());
        assertThat(ok(lab, "reload").out).contains(says);
    }

    private static boolean refused(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void absentOrOffIsNothingAndReloadTurnsItOnMovesItAndOff() throws Exception {
        try (Pyrolab lab = new Pyrolab()) {
            lab.up("--config", config(lab, "").toString());
            assertOff(lab);
            reload(lab, "web: off\n", "Reloaded");
            assertOff(lab);

            reload(lab, "web: on\n", "The web page is on (http on localhost, a free port)");
            URI first = WebClient.link(lab);
            assertThat(first.getScheme()).isEqualTo("http");
            assertThat(first.getHost()).isEqualTo("localhost");
            assertThat(new WebClient(first, null).login(first).statusCode()).isEqualTo(303);
            assertThat(webInstalled(lab)).isTrue();

            int port = freePort();
            reload(lab, "web:\n  port: " + port + "\n", "The web page is on (http on localhost:" + port + ")");
            URI moved = WebClient.link(lab);
            assertThat(moved.getPort()).isEqualTo(port);
            WebClient browser = new WebClient(moved, null);
            assertThat(browser.login(moved).statusCode()).isEqualTo(303);
            assertThat(browser.get("/api/services").statusCode()).isEqualTo(200);
            Lab.await("the first port closed", () -> refused(first.getPort()));

            try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("localhost"))) {
                reload(lab, "web:\n  port: " + taken.getLocalPort() + "\n", "The web page did not start: nothing can listen on localhost:"
                        + taken.getLocalPort());
                assertThat(lab.daemonLog()).contains("the web page did not start: nothing can listen on localhost:" + taken.getLocalPort());
                assertThat(webInstalled(lab)).isFalse();
                Result web = lab.run("web");
                assertThat(web.exit).as("%s", web).isEqualTo(1);
                assertThat(web.err).as("at once, with the reason").startsWith("pyrolab: The web page did not start: nothing can listen on localhost:"
                        + taken.getLocalPort());
            }
            reload(lab, "web:\n  port: " + port + "\n", "The web page is on (http on localhost:" + port + ")");

            reload(lab, "web: off\n", "The web page is off.");
            assertThat(webInstalled(lab)).isFalse();
            Lab.await("the page's port closed", () -> refused(port));
            Result web = lab.run("web");
            assertThat(web.err.strip()).isEqualTo(OFF);
        }
    }

    @Test
    void offAtStartInstallsNothing() throws Exception {
        try (Pyrolab lab = new Pyrolab()) {
            lab.up("--config", config(lab, "web: off\n").toString());
            assertOff(lab);
            assertThat(lab.daemonLog()).doesNotContain("org.pyrolab.daemon.web");
        }
    }

    @Test
    void beyondLoopbackWithoutTlsIsAConfigurationError() throws Exception {
        try (Pyrolab lab = new Pyrolab()) {
            Path file = config(lab, "web:\n  host: 0.0.0.0\n");
            Result validate = lab.run("config", "validate", file.toString());
            assertThat(validate.exit).as("%s", validate).isNotZero();
            assertThat(validate.out + validate.err).contains("web.host: `0.0.0.0` is not loopback, so the page is served only over TLS")
                    .contains("`pyrolab tls init`");
            Result up = lab.run("up", "--config", file.toString());
            assertThat(up.exit).as("%s", up).isNotZero();
            assertThat(up.out + up.err).contains("is not loopback");
        }
    }

    @Test
    void httpsWithItsOwnCertificateAndASecureCookie() throws Exception {
        try (Pyrolab lab = new Pyrolab()) {
            ok(lab, "tls", "init");
            lab.up("--config", config(lab, "web:\n  tls: {cert: tls/server.pem, key: tls/server.key}\n").toString());
            URI link = WebClient.link(lab);
            assertThat(link.getScheme()).isEqualTo("https");
            SSLContext trust = new TlsFiles(null, null, lab.home.resolve("tls/ca.pem"), false).client();
            WebClient browser = new WebClient(link, trust);
            HttpResponse<String> login = browser.login(link);
            assertThat(login.statusCode()).isEqualTo(303);
            assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).contains("; HttpOnly").contains("; SameSite=Strict")
                    .endsWith("; Secure");
            assertThat(browser.get("/api/daemon").statusCode()).isEqualTo(200);
            Path keystore = lab.home.resolve("web/keystore.p12");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore))).isEqualTo("rw-------");
            // no plain HTTP beside it
            WebClient plain = new WebClient(URI.create("http://localhost:" + link.getPort() + "/"), null);
            boolean answered;
            try {
                answered = plain.get("/").statusCode() == 200;
            } catch (RuntimeException e) {
                answered = false;
            }
            assertThat(answered).isFalse();
        }
    }

    @Test
    void beyondLoopbackItBorrowsAnEndpointsCertificate() throws Exception {
        try (Pyrolab lab = new Pyrolab()) {
            ok(lab, "tls", "init");
            String endpoint = "daemons:\n  lab:\n    host: localhost\n    port: 0\n    tls: {cert: tls/server.pem, key: tls/server.key}\n";
            lab.up("--config", config(lab, endpoint + "web:\n  host: 0.0.0.0\n").toString());
            URI link = WebClient.link(lab);
            assertThat(link.getScheme()).isEqualTo("https");
            URI local = URI.create("https://localhost:" + link.getPort() + "/?" + link.getQuery());
            WebClient browser = new WebClient(local, new TlsFiles(null, null, lab.home.resolve("tls/ca.pem"), false).client());
            assertThat(browser.login(local).statusCode()).isEqualTo(303);
            assertThat(browser.get("/api/services").statusCode()).isEqualTo(200);
            assertThat(lab.daemonLog()).contains("daemons.lab.tls");
        }
    }

    @Test
    void openHandsTheLinkToTheBrowserOrSaysItCouldNot() throws Exception {
        try (Pyrolab lab = new Pyrolab()) {
            Path bin = Files.createDirectories(lab.root.resolve("fake-bin"));
            Path opened = lab.root.resolve("opened.txt");
            Path opener = Files.writeString(bin.resolve("xdg-open"), "#!/bin/sh\nprintf '%s' \"$1\" > '" + opened + "'\n");
            opener.toFile().setExecutable(true);
            lab.env("PATH", bin + ":" + System.getenv("PATH"));
            lab.up("--config", config(lab, "web: on\n").toString());
            Result open = ok(lab, "web", "--open");
            assertThat(open.out.strip()).startsWith("http://localhost:");
            assertThat(Files.readString(opened)).isEqualTo(open.out.strip());

            Files.writeString(opener, "#!/bin/sh\nexit 3\n");
            lab.env("DISPLAY", "");
            Result none = ok(lab, "web", "--open");
            assertThat(none.out).containsPattern("http://localhost:\\d+/\\?token=")
                    .contains("No browser could be opened here; open the link above yourself.");
        }
    }
}
