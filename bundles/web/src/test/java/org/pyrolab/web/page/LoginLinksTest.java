package org.pyrolab.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The link's scheme and port are the servlet runtime's; its host is the configured one. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LoginLinksTest {

    @Test
    void theRuntimesEndpointWithTheConfiguredHost() {
        assertThat(LoginLinks.base(new String[] {"http://127.0.0.1:41234/"}, "localhost")).isEqualTo(URI.create("http://localhost:41234/"));
        assertThat(LoginLinks.base(List.of("https://10.0.0.5:8443/"), "labpc.example.org"))
                .isEqualTo(URI.create("https://labpc.example.org:8443/"));
        assertThat(LoginLinks.base("http://127.0.0.1:41234/", null)).isEqualTo(URI.create("http://127.0.0.1:41234/"));
        assertThat(LoginLinks.base("http://[::1]:41234/", "::1")).isEqualTo(URI.create("http://[::1]:41234/"));
        assertThat(LoginLinks.base(null, "localhost")).isNull();
        assertThat(LoginLinks.base(new String[0], "localhost")).isNull();
    }
}
