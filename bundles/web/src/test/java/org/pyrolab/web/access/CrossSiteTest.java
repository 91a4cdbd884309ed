package org.pyrolab.web.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A POST changes something only with {@code X-PyroLab: 1} and, where the browser says, from the page's own origin. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CrossSiteTest {

    @Test
    void thePagesOwnPostPasses() {
        assertThat(CrossSite.refusal("http", "localhost:8765", "1", "http://localhost:8765", "same-origin")).isNull();
        assertThat(CrossSite.refusal("https", "labpc:8443", "1", "https://LabPC:8443", null)).isNull();
        // a script or curl: no Origin, no Sec-Fetch-Site, but the header
        assertThat(CrossSite.refusal("http", "localhost:8765", "1", null, null)).isNull();
    }

    @Test
    void withoutTheHeaderItIsRefused() {
        assertThat(CrossSite.refusal("http", "localhost:8765", null, null, null)).contains("`X-PyroLab: 1`");
        assertThat(CrossSite.refusal("http", "localhost:8765", "0", "http://localhost:8765", "same-origin")).contains("`X-PyroLab: 1`");
    }

    @Test
    void anotherOriginIsRefused() {
        assertThat(CrossSite.refusal("http", "localhost:8765", "1", "http://evil.example", "cross-site")).contains("http://evil.example");
        assertThat(CrossSite.refusal("http", "localhost:8765", "1", "http://localhost:9999", null)).isNotNull();
        assertThat(CrossSite.refusal("https", "localhost:8765", "1", "http://localhost:8765", null)).as("scheme").isNotNull();
        assertThat(CrossSite.refusal("http", "localhost:8765", "1", "null", null)).as("a sandboxed frame").isNotNull();
        assertThat(CrossSite.refusal("http", null, "1", "http://localhost:8765", null)).isNotNull();
    }

    @Test
    void theBrowsersFetchSiteMustBeSameOrigin() {
        assertThat(CrossSite.refusal("http", "localhost:8765", "1", null, "same-site")).contains("same-site");
        assertThat(CrossSite.refusal("http", "localhost:8765", "1", null, "cross-site")).contains("cross-site");
        assertThat(CrossSite.refusal("http", "localhost:8765", "1", null, "none")).isNotNull();
    }
}
