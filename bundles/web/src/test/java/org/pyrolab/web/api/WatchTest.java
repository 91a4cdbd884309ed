package org.pyrolab.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.api.dto.ServiceDTO;
import org.pyrolab.api.dto.ServiceKind;
import org.pyrolab.api.dto.ServiceState;

/** The event stream's watch: the list at once, a changed list when told, nothing for a mere uptime. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WatchTest {
    private volatile List<ServiceDTO> rows = List.of(row(ServiceState.RUNNING, 1));

    private static ServiceDTO row(ServiceState state, long uptime) {
        ServiceDTO d = new ServiceDTO();
        d.kind = ServiceKind.SERVICE;
        d.name = "a.echo";
        d.state = state;
        d.uptimeSeconds = uptime;
        return d;
    }

    @Test
    void aChangeButNotAnUptimeReachesTheSubscribers() throws Exception {
        Watch watch = new Watch(() -> new ArrayList<>(rows));
        try (Watch.Subscription s = watch.subscribe()) {
            assertThat(s.poll(1)).contains("\"state\":\"RUNNING\"").contains("\"uptimeSeconds\":1");
            rows = List.of(row(ServiceState.RUNNING, 2));
            watch.poke();
            assertThat(s.poll(3 * Watch.PERIOD_MS)).as("an uptime alone is no change").isNull();
            rows = List.of(row(ServiceState.STOPPED, 0));
            watch.poke();
            assertThat(s.poll(10_000)).contains("\"state\":\"STOPPED\"");
        } finally {
            watch.close();
        }
    }

    @Test
    void theShapeLeavesOutTheUptimesOnly() {
        assertThat(Watch.shape(List.of(row(ServiceState.RUNNING, 5)))).isEqualTo(Watch.shape(List.of(row(ServiceState.RUNNING, 9))))
                .doesNotContain("uptimeSeconds").contains("\"name\":\"a.echo\"");
    }
}
