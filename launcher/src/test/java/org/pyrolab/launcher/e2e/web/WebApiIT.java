package org.pyrolab.launcher.e2e.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.launcher.e2e.Json;
import org.pyrolab.launcher.e2e.Lab;
import org.pyrolab.launcher.e2e.Pyrolab;

/**
 * Issue 14's JSON API over real HTTP against the built installation, one daemon with
 * {@code web: on}: the login link and its cookie, every endpoint in the shapes of the
 * {@code --json} commands, the actions, cross-site POSTs refused, the event streams and their bound.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class WebApiIT {
    static final String CONFIG = "version: \"1.0\"\n"
            + "nameservers:\n  main:\n    host: localhost\n    ns_port: 0\n"
            + "daemons:\n  lab:\n    host: localhost\n    port: 0\n    nameservers: [main]\n"
            + "services:\n"
            + "  a.echo:\n    driver: sample.echo\n    daemon: lab\n    nameservers: [main]\n    description: the one the tests stop\n"
            + "  b.echo:\n    driver: sample.echo\n    daemon: lab\n    nameservers: [main]\n"
            + "autolaunch:\n  nameservers: [main]\n  daemons: [lab]\n  services: [a.echo, b.echo]\n"
            + "web: on\n";

    private Pyrolab lab;
    private WebClient browser;

    @BeforeAll
    void up() throws Exception {
        lab = new Pyrolab();
        Path file = Lab.write(lab.home.resolve("lab.yaml"), CONFIG);
        lab.up("--config", file.toString());
        URI link = WebClient.link(lab);
        browser = new WebClient(link, null);
        HttpResponse<String> login = browser.login(link);
        assertThat(login.statusCode()).as("%s", login.body()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location")).hasValue("/");
        assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).matches("pyrolab-session=[A-Za-z0-9_-]{22,}; Path=/;.*")
                .contains("; HttpOnly").contains("; SameSite=Strict").doesNotContain("Secure");
    }

    @AfterAll
    void down() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    private String ps() {
        return lab.ask("ps", "--json");
    }

    private static Map<String, Object> withoutUptime(Map<String, Object> row) {
        Map<String, Object> copy = new LinkedHashMap<>(row);
        copy.remove("uptimeSeconds");
        return copy;
    }

    @Test
    @Order(1)
    void aLinkWorksOnceAndWithoutASessionNothingIsServed() {
        URI link = WebClient.link(lab);
        WebClient stranger = new WebClient(link, null);
        assertThat(stranger.get("/api/services").statusCode()).isEqualTo(401);
        assertThat(Json.object(stranger.get("/api/services").body()).get("error")).asString().contains("`pyrolab web`");
        HttpResponse<String> page = stranger.get("/");
        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(stranger.get("/app.js").statusCode()).isEqualTo(401);
        assertThat(stranger.post("/api/services/a.echo/stop", "X-PyroLab", "1").statusCode()).isEqualTo(401);

        assertThat(stranger.login(link).statusCode()).isEqualTo(303);
        assertThat(stranger.get("/api/services").statusCode()).isEqualTo(200);
        WebClient second = new WebClient(link, null);
        HttpResponse<String> spent = second.login(link);
        assertThat(spent.statusCode()).isEqualTo(403);
        assertThat(spent.body()).contains("This link was used already or has expired; run `pyrolab web` for a new one.");
        assertThat(second.get("/api/services").statusCode()).isEqualTo(401);
        assertThat(second.login(URI.create(link.toString().replaceAll("token=.*", "token=madeup"))).statusCode()).isEqualTo(403);
    }

    @Test
    @Order(2)
    void everyGetAnswersAsTheJsonCommandsDo() {
        Map<String, Object> daemon = Json.object(browser.get("/api/daemon").body());
        Map<String, Object> status = Json.object(lab.ask("status", "--json"));
        assertThat(daemon.keySet()).containsExactlyElementsOf(status.keySet());
        assertThat(daemon.get("pid")).isEqualTo(status.get("pid"));

        List<Map<String, Object>> services = Json.objects(browser.get("/api/services").body());
        assertThat(services.stream().map(WebApiIT::withoutUptime).toList())
                .isEqualTo(Json.objects(ps()).stream().map(WebApiIT::withoutUptime).toList());
        assertThat(services).extracting(r -> r.get("name")).containsExactlyInAnyOrder("a.echo", "b.echo", "lab", "main");

        assertThat(Json.parse(browser.get("/api/drivers").body())).isEqualTo(Json.parse(lab.ask("drivers", "--json")));

        List<Map<String, Object>> nameservers = Json.objects(browser.get("/api/nameservers").body());
        assertThat(nameservers).hasSize(1);
        Map<String, Object> ns = nameservers.get(0);
        assertThat(ns.keySet()).containsExactly("name", "address", "entries", "error");
        assertThat(ns.get("name")).isEqualTo("main");
        assertThat(ns.get("error")).isNull();
        String address = (String) ns.get("address");
        assertThat(address).matches(".+:\\d+");
        String port = address.substring(address.lastIndexOf(':') + 1);
        assertThat(ns.get("entries")).isEqualTo(Json.parse(lab.ask("nslist", "--host", "127.0.0.1", "--port", port, "--json")));
        assertThat(browser.get("/api/nameservers").body()).contains("\"name\" : \"a.echo\"");

        Map<String, Object> tail = Json.object(browser.get("/api/logs/daemon?lines=3").body());
        assertThat(tail.get("name")).isEqualTo("daemon");
        assertThat((List<?>) tail.get("lines")).hasSizeBetween(1, 3);
        assertThat(Json.object(browser.get("/api/logs/daemon").body()).get("lines")).asList().hasSizeGreaterThan(3);
        assertThat(browser.get("/api/logs/a.echo").statusCode()).isEqualTo(200);
        assertThat(browser.get("/api/logs/nope").statusCode()).isEqualTo(404);
        assertThat(Json.object(browser.get("/api/logs/nope").body()).get("error")).asString().contains("nope");
        assertThat(browser.get("/api/logs/daemon?lines=many").statusCode()).isEqualTo(400);
        assertThat(browser.get("/api/logs/nope/follow").statusCode()).isEqualTo(404);
        assertThat(browser.get("/api/nothing").statusCode()).isEqualTo(404);
        assertThat(Json.object(browser.get("/api/nothing").body())).containsOnlyKeys("error");
    }

    @Test
    @Order(3)
    void thePageIsServedWithItsTypesAndKeptToItself() {
        for (String[] file : new String[][] {{"/", "text/html"}, {"/index.html", "text/html"}, {"/app.js", "text/javascript"},
                {"/app.css", "text/css"}}) {
            HttpResponse<String> r = browser.get(file[0]);
            assertThat(r.statusCode()).as(file[0]).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).as(file[0]).startsWith(file[1]);
            assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("frame-ancestors 'none'");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
        assertThat(browser.get("/nope.html").statusCode()).isEqualTo(404);
        try (WebClient other = new WebClient(browser.base, null)) { // Jetty closes a connection after a bad request
            other.cookie = browser.cookie;
            assertThat(other.get("/../pom.xml").statusCode()).isIn(400, 404);
        }
    }

    @Test
    @Order(4)
    void aCrossSitePostIsRefusedAndChangesNothing() {
        String path = "/api/services/a.echo/stop";
        List<HttpResponse<String>> refused = new ArrayList<>();
        refused.add(browser.post(path));
        refused.add(browser.post(path, "X-PyroLab", "1", "Origin", "http://evil.example"));
        refused.add(browser.post(path, "X-PyroLab", "1", "Sec-Fetch-Site", "cross-site"));
        refused.add(browser.post(path, "X-PyroLab", "1", "Origin", "null"));
        for (HttpResponse<String> r : refused) {
            assertThat(r.statusCode()).as("%s", r.body()).isEqualTo(403);
            assertThat(Json.object(r.body()).get("error")).asString().startsWith("A cross-site request was refused");
        }
        HttpResponse<String> big = browser.send(java.net.http.HttpRequest.newBuilder(browser.base.resolve("/api/services/a.echo/stop"))
                .header("Cookie", browser.cookie).header("X-PyroLab", "1")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[5000])))
                .build()); // no Content-Length: sent chunked
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(Json.object(big.body()).get("error")).asString().contains("4096 bytes");
        assertThat(Json.objects(ps()).get(0)).containsEntry("name", "a.echo").containsEntry("state", "RUNNING");
    }

    @Test
    @Order(5)
    void stopAndStartByPostChangePs() {
        String origin = browser.base.toString().replaceAll("/$", "");
        HttpResponse<String> stop = browser.post("/api/services/a.echo/stop", "X-PyroLab", "1", "Origin", origin,
                "Sec-Fetch-Site", "same-origin");
        assertThat(stop.statusCode()).as(stop.body()).isEqualTo(200);
        assertThat(Json.object(stop.body())).containsExactly(Map.entry("name", "a.echo"), Map.entry("action", "stop"),
                Map.entry("ok", true), Map.entry("message", "Stopped a.echo."));
        assertThat(Json.objects(ps()).get(0)).containsEntry("state", "STOPPED");

        HttpResponse<String> start = browser.post("/api/services/a.echo/start", "X-PyroLab", "1");
        assertThat(Json.object(start.body())).containsEntry("ok", true).containsEntry("message", "Started a.echo (driver sample.echo).");
        assertThat(Json.objects(ps()).get(0)).containsEntry("state", "RUNNING");
        HttpResponse<String> restart = browser.post("/api/services/a.echo/restart", "X-PyroLab", "1");
        assertThat(Json.object(restart.body())).containsEntry("action", "restart").containsEntry("ok", true);

        HttpResponse<String> unknown = browser.post("/api/services/nope/start", "X-PyroLab", "1");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Json.object(unknown.body())).containsEntry("ok", false).containsKey("error");
        assertThat(browser.post("/api/services/a.echo/explode", "X-PyroLab", "1").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(6)
    void eventsFollowAStopFromTheCommandLine() throws Exception {
        try (WebClient.Stream events = browser.stream("/api/events")) {
            assertThat(events.response.statusCode()).isEqualTo(200);
            assertThat(events.response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
            String first = events.await("services", "\"name\":\"b.echo\"");
            assertThat(Json.objects(first).get(1)).containsEntry("state", "RUNNING");
            events.await("daemon", "\"pid\":");
            lab.ask("stop", "b.echo");
            String changed = events.await("services", "\"state\":\"STOPPED\"");
            assertThat(Json.objects(changed).get(1)).containsEntry("name", "b.echo").containsEntry("state", "STOPPED");
            lab.ask("start", "b.echo");
            events.await("services", "\"name\":\"b.echo\",\"state\":\"RUNNING\"");
        }
    }

    @Test
    @Order(7)
    void aLogIsFollowedLive() throws Exception {
        try (WebClient.Stream log = browser.stream("/api/logs/b.echo/follow")) {
            assertThat(log.response.statusCode()).isEqualTo(200);
            lab.ask("stop", "b.echo");
            assertThat(log.await("line", "stopped b.echo")).contains("INFO");
            lab.ask("start", "b.echo");
            log.await("line", "started b.echo");
        }
    }

    @Test
    @Order(8)
    void theSeventeenthStreamIsRefusedWhileOthersAreServed() throws Exception {
        List<WebClient.Stream> open = new ArrayList<>();
        try (WebClient many = new WebClient(browser.base, null)) {
            many.cookie = browser.cookie;
            // the streams of the tests before end when the daemon next writes to them (within 5 s): until then they hold a slot
            Lab.await("16 streams open at once", () -> {
                while (open.size() < 16) {
                    WebClient.Stream s = many.stream("/api/events");
                    if (s.response.statusCode() != 200) {
                        s.close(); // the ones open stay open: try again for the rest
                        return false;
                    }
                    open.add(s);
                }
                return true;
            });
            for (WebClient.Stream s : open) {
                s.await("services", "a.echo");
            }
            HttpResponse<String> refused = browser.get("/api/events");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(Json.object(refused.body()).get("error")).asString().contains("16 live streams");
            assertThat(browser.get("/api/services").statusCode()).as("a plain request still served").isEqualTo(200);
            lab.ask("stop", "b.echo");
            open.get(15).await("services", "\"name\":\"b.echo\",\"state\":\"STOPPED\"");
            lab.ask("start", "b.echo");
        }
        // closed streams free their slots (a write to a closed one fails within the daemon-event period)
        Lab.await("a stream slot free again", () -> {
            try (WebClient.Stream again = browser.stream("/api/events")) {
                return again.response.statusCode() == 200;
            }
        });
    }
}
