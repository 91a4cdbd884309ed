package org.pyrolab.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pyrolab.daemon.config.LabConfig.WebSpec;

/** {@code web:}: off unless it says on, loopback and any free port by default, TLS required beyond loopback. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebConfigTest {

    @TempDir
    Path dir;

    private ConfigReader.Result read(String yaml) {
        return new ConfigReader(id -> Optional.empty()).read(dir.resolve("lab.yaml").toString(), "lab.yaml", yaml);
    }

    private WebSpec web(String yaml) {
        ConfigReader.Result r = read(yaml);
        assertThat(r.ok()).as("%s", r.problems()).isTrue();
        return r.config().web();
    }

    private List<String> problems(String yaml) {
        return read(yaml).problems().stream().map(Problem::toString).toList();
    }

    @Test
    void offUnlessItSaysOn() {
        assertThat(web("version: \"1.0\"\n")).isEqualTo(WebSpec.OFF);
        assertThat(web("web: off\n")).isEqualTo(WebSpec.OFF);
        assertThat(web("web: false\n")).isEqualTo(WebSpec.OFF);
        assertThat(web("web: \"off\"\n")).isEqualTo(WebSpec.OFF);
        assertThat(LabConfig.empty().web()).isEqualTo(WebSpec.OFF);
    }

    @Test
    void onMeansLoopbackAndAnyFreePort() {
        WebSpec on = new WebSpec(true, "localhost", 0, null, null);
        assertThat(web("web: on\n")).isEqualTo(on);
        assertThat(web("web: \"on\"\n")).isEqualTo(on);
        assertThat(web("web: true\n")).isEqualTo(on);
        assertThat(web("web: {}\n")).isEqualTo(on);
        assertThat(web("web:\n  port: 8765\n")).isEqualTo(new WebSpec(true, "localhost", 8765, null, null));
        assertThat(web("web:\n  host: 127.0.0.1\n")).isEqualTo(new WebSpec(true, "127.0.0.1", 0, null, null));
        assertThat(web("web:\n  host: \"::1\"\n")).isEqualTo(new WebSpec(true, "::1", 0, null, null));
    }

    @Test
    void beyondLoopbackWithoutTlsIsAProblemSaidInOneSentence() {
        assertThat(problems("web:\n  host: 0.0.0.0\n")).containsExactly("lab.yaml:2: web.host: `0.0.0.0` is not loopback, so the page is"
                + " served only over TLS, and neither `web.tls` nor an endpoint under `daemons:` has a certificate; give"
                + " `web.tls: {cert, key}` (`pyrolab tls init` makes them) or use `host: localhost`");
        assertThat(problems("web:\n  host: labpc.example.org\n")).singleElement().asString().contains("is not loopback");
    }

    @Test
    void mistakesAreNamedWithTheirLine() {
        assertThat(problems("web:\n  prot: 80\n")).singleElement().asString()
                .startsWith("lab.yaml:2: web.prot: unknown key; did you mean `port`?");
        assertThat(problems("web:\n  port: 70000\n")).containsExactly("lab.yaml:2: web.port: a port is at most 65535, not 70000");
        assertThat(problems("web: maybe\n")).containsExactly("lab.yaml:1: web: expected `on`, `off` or a mapping of `host`, `port` and"
                + " `tls`, not `maybe`");
        assertThat(problems("web:\n  tls: {cert: a.pem, key: a.key, ca: ca.pem}\n")).anySatisfy(p -> assertThat(p)
                .startsWith("lab.yaml:2: web.tls.ca: unknown key"));
        assertThat(problems("web:\n  tls: {cert: missing.pem, key: missing.key}\n")).anySatisfy(p -> assertThat(p)
                .contains("web.tls.cert: " + dir.resolve("missing.pem") + " does not exist (`pyrolab tls init`"));
    }

    @Test
    void loopbackIsLocalhostOrALoopbackLiteral() {
        assertThat(WebCheck.loopback("localhost")).isTrue();
        assertThat(WebCheck.loopback("127.0.0.1")).isTrue();
        assertThat(WebCheck.loopback("127.1.2.3")).isTrue();
        assertThat(WebCheck.loopback("::1")).isTrue();
        assertThat(WebCheck.loopback("0.0.0.0")).isFalse();
        assertThat(WebCheck.loopback("192.168.1.20")).isFalse();
        assertThat(WebCheck.loopback("localhost.example.org")).isFalse();
    }
}
