package org.pyrolab.launcher.completion;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConfiguredNamesTest {

    @Test
    void namesOfServicesEndpointsAndNameserversOnly() {
        List<String> lines = List.of(
                "# a lab", "version: \"1.0\"", "nameservers:", "  lab-ns:   # the lab's", "    host: localhost",
                "daemons:", "  lab-endpoint:", "    nameservers: [lab-ns]", "",
                "services:", "    lab.laser:", "      driver: sim.laser", "      parameters:", "        power: 1",
                "    \"lab.stage\": {driver: sim.stage}", "    'lab.smu':", "      driver: scpi.b2900",
                "autolaunch:", "  services: [lab.laser]");
        assertThat(ConfiguredNames.parse(lines)).containsExactly("lab-ns", "lab-endpoint", "lab.laser", "lab.stage", "lab.smu");
    }

    @Test
    void aMissingFileGivesNoNames() {
        assertThat(ConfiguredNames.of(Path.of("/nonexistent/config.yaml"))).isEmpty();
    }
}
