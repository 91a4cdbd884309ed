package org.pyrolab.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.pyrolab.daemon.config.LabConfig.Restart;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConfigReaderTest {
    /** The drivers "installed" for these tests: sample.echo (one optional parameter) and sim.laser. */
    private final ConfigReader reader = new ConfigReader(id -> {
        switch (id) {
            case "sample.echo":
                return Optional.of(List.of(new ParameterSpec("max_delay", Double.class, 60.0)));
            case "sim.laser":
                return Optional.of(List.of(new ParameterSpec("min_wavelength", Double.class, 1500.0),
                        new ParameterSpec("max_wavelength", Double.class, 1630.0), new ParameterSpec("port", Integer.class, null)));
            default:
                return Optional.empty();
        }
    });

    private ConfigReader.Result read(String yaml) {
        return reader.read("/lab/test.yaml", "test.yaml", yaml);
    }

    private static List<String> texts(ConfigReader.Result result) {
        return result.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void acceptsTheIssuesExampleAsItIs() {
        ConfigReader.Result result = read(String.join("\n",
                "version: \"1.0\"",
                "services:",
                "  asgard.echo:",
                "    driver: sample.echo",
                "    description: Echoes what it is sent",
                "  asgard.laser:",
                "    driver: sim.laser",
                "    parameters: {min_wavelength: 1500.0, max_wavelength: 1630.0, port: 1}",
                "    restart: on-failure",
                "autolaunch:",
                "  services: [asgard.echo, asgard.laser]"));
        assertThat(result.ok()).as(texts(result).toString()).isTrue();
        LabConfig config = result.config();
        assertThat(config.services()).containsOnlyKeys("asgard.echo", "asgard.laser");
        assertThat(config.services().get("asgard.laser").parameters()).containsEntry("min_wavelength", 1500.0).containsEntry("port", 1);
        assertThat(config.services().get("asgard.laser").restart()).isEqualTo(Restart.ON_FAILURE);
        assertThat(config.autolaunch().services()).containsExactly("asgard.echo", "asgard.laser");
    }

    @Test
    void reportsEveryProblemAtOnceWithLineAndPath() {
        ConfigReader.Result result = read(String.join("\n",
                "version: \"1.0\"",                       // 1
                "daemons:",                               // 2
                "  ep1: {port: 99999}",                   // 3
                "services:",                              // 4
                "  asgard.echo:",                         // 5
                "    drivr: sample.echo",                 // 6
                "    daemon: nowhere",                    // 7
                "  asgard.laser:",                        // 8
                "    driver: sim.laser",                  // 9
                "    parameters: {min_wavelength: fast, bogus: 1}", // 10
                "autolaunch:",                            // 11
                "  services: [asgard.echo, missing.one]")); // 12
        assertThat(result.ok()).isFalse();
        assertThat(texts(result)).contains(
                "test.yaml:3: daemons.ep1.port: a port is at most 65535, not 99999",
                "test.yaml:7: services.asgard.echo.daemon: there is no endpoint `nowhere` under `daemons:`",
                "test.yaml:10: services.asgard.laser.parameters.min_wavelength: expected number, not `fast`",
                "test.yaml:12: autolaunch.services[1]: there is no `missing.one` under `services:`");
        assertThat(texts(result)).anyMatch(t -> t.startsWith("test.yaml:6: services.asgard.echo.drivr: unknown key; did you mean `driver`?"));
        assertThat(texts(result)).anyMatch(t -> t.startsWith("test.yaml:10: services.asgard.laser.parameters.bogus: `sim.laser` has no parameter `bogus`"));
        assertThat(texts(result)).anyMatch(t -> t.contains("services.asgard.laser.parameters: missing required parameter `port`"));
    }

    @Test
    void explainsDriverToPythonPyroLabFiles() {
        ConfigReader.Result result = read("services:\n  old:\n    module: pyrolab.drivers.sample\n    classname: SampleService\n");
        assertThat(result.ok()).isFalse();
        assertThat(texts(result)).singleElement().asString()
                .startsWith("test.yaml:3: services.old.module: `module`/`classname` name Python classes")
                .contains("driver: sim.laser");
    }

    @Test
    void unknownDriverIsOnlyAWarning() {
        ConfigReader.Result result = read("services:\n  x:\n    driver: acme.nothing\n    parameters: {anything: 1}\n");
        assertThat(result.ok()).isTrue();
        assertThat(texts(result)).singleElement().asString()
                .isEqualTo("test.yaml:3: warning: services.x.driver: no installed bundle offers the driver `acme.nothing`; the service waits until one is installed");
    }

    @Test
    void refusesDuplicateKeysAndUnparsableText() {
        assertThat(texts(read("services:\n  a: {driver: sample.echo}\n  a: {driver: sample.echo}\n")))
                .containsExactly("test.yaml:3: services.a: duplicate key `a`; keep one of them");
        assertThat(texts(read("services: [unclosed\n"))).singleElement().asString().startsWith("test.yaml:").contains("not valid YAML");
    }

    @Test
    void readsJsonToo() {
        ConfigReader.Result result = reader.read("/lab/x.json", "x.json",
                "{\"services\": {\"e\": {\"driver\": \"sample.echo\", \"parameters\": {\"max_delay\": 2}}}, \"autolaunch\": {\"services\": [\"e\"]}}");
        assertThat(result.ok()).as(texts(result).toString()).isTrue();
        assertThat(result.config().services().get("e").parameters()).isEqualTo(Map.of("max_delay", 2.0));
    }

    @Test
    void typesAreCheckedStrictly() {
        assertThat(texts(read("services:\n  e: {driver: sample.echo, timeout: soon, restart: sometimes, max_restarts: 1.5}\n")))
                .contains("test.yaml:2: services.e.timeout: expected a number of at least 0.1, not `soon`",
                        "test.yaml:2: services.e.restart: expected one of never, on-failure, always, not `sometimes`",
                        "test.yaml:2: services.e.max_restarts: expected a whole number of at least 0, not `1.5`");
    }

    @Test
    void anEmptyFileIsAnEmptyConfiguration() {
        ConfigReader.Result result = read("");
        assertThat(result.ok()).isTrue();
        assertThat(result.config().services()).isEmpty();
    }
}
