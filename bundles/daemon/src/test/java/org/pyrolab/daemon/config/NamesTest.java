package org.pyrolab.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class NamesTest {
    @Test
    void plainNamesAreFine() {
        for (String name : List.of("asgard.laser1", "ep1", "lab-ns", "stage_x", "Console", "com10", "nullable", "a.b.c", "COM")) {
            assertThat(Names.problem(name)).as(name).isEmpty();
        }
    }

    @Test
    void namesThatLeaveTheirFolderAreRefused() {
        assertThat(Names.problem("../x")).get().asString().contains("`/`");
        assertThat(Names.problem("..\\x")).get().asString().contains("`\\`");
        assertThat(Names.problem("a/b")).get().asString().contains("`/`");
        assertThat(Names.problem("..")).get().asString().contains("`..`");
        assertThat(Names.problem(".")).isPresent();
        assertThat(Names.problem("..x")).get().asString().contains("start with a dot");
        assertThat(Names.problem("")).isPresent();
    }

    @Test
    void controlCharactersAndWindowsReservedNamesAreRefused() {
        assertThat(Names.problem("laser\0")).get().asString().contains("NUL");
        assertThat(Names.problem("laser\n")).isPresent();
        for (String name : List.of("CON", "con", "NUL", "nul.laser", "COM1", "lpt9", "AUX.x", "PRN")) {
            assertThat(Names.problem(name)).as(name).get().asString().contains("device name on Windows");
        }
        assertThat(Names.problem("laser.")).get().asString().contains("end with a dot or a space");
        assertThat(Names.problem("laser ")).get().asString().contains("end with a dot or a space");
        assertThat(Names.problem("a:b")).get().asString().contains("Windows");
        assertThat(Names.problem("a*b")).isPresent();
        assertThat(Names.problem("x".repeat(129))).isPresent();
        assertThat(Names.problem("x".repeat(128))).isEqualTo(Optional.empty());
    }

    @Test
    void theConfigurationRefusesSuchNamesInEverySectionWithOneLineEach() {
        ConfigReader reader = new ConfigReader(id -> Optional.of(List.of()));
        ConfigReader.Result result = reader.read("/lab/lab.yaml", "lab.yaml", String.join("\n",
                "nameservers:",               // 1
                "  CON: {}",                  // 2
                "daemons:",                   // 3
                "  \"ep/1\": {}",             // 4
                "services:",                  // 5
                "  ../x:",                    // 6
                "    driver: sample.echo",    // 7
                "  good:",                    // 8
                "    driver: sample.echo"));  // 9
        assertThat(result.ok()).isFalse();
        List<String> errors = result.errors().stream().map(Problem::toString).toList();
        assertThat(errors).containsExactlyInAnyOrder(
                "lab.yaml:2: nameservers.CON: `CON` cannot be used as a name: `CON` is a device name on Windows (as are CON, PRN,"
                        + " AUX, NUL, COM1-9, LPT1-9), even with an extension; choose another name",
                "lab.yaml:4: daemons.ep/1: `ep/1` cannot be used as a name: a name must not contain `/` (names become file names"
                        + " in the data folder)",
                "lab.yaml:6: services.../x: `../x` cannot be used as a name: a name must not contain `/` (names become file names"
                        + " in the data folder)");
        assertThat(errors).allSatisfy(e -> assertThat(e).doesNotContain("\n"));
    }
}
