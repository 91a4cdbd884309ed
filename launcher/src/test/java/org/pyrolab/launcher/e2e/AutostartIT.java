package org.pyrolab.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.launcher.e2e.Pyrolab.Result;

/**
 * {@code autostart} of the real installation on a "computer" without systemctl and crontab: the
 * commands run with a PATH holding only the few tools bin/pyrolab needs, Java through JAVA_HOME,
 * and HOME and XDG_CONFIG_HOME in the test's folder. So the machine's own systemd or cron, if any,
 * is never seen or touched.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class AutostartIT {
    /** What bin/pyrolab runs besides the shell's built-ins (java comes from JAVA_HOME). */
    static final List<String> SCRIPT_TOOLS = List.of("ls", "sed", "dirname", "head");
    private Pyrolab pyrolab;
    private Path config;
    private String script;

    @BeforeEach
    void computerWithoutSystemdOrCron() throws Exception {
        pyrolab = new Pyrolab();
        Path bin = Files.createDirectory(pyrolab.root.resolve("bin"));
        for (String tool : SCRIPT_TOOLS) {
            Files.createSymbolicLink(bin.resolve(tool), which(tool));
        }
        config = pyrolab.root.resolve("config");
        pyrolab.env("PATH", bin.toString())
                .env("JAVA_HOME", System.getProperty("java.home"))
                .env("HOME", Files.createDirectory(pyrolab.root.resolve("user")).toString())
                .env("XDG_CONFIG_HOME", config.toString());
        assertThat(bin.resolve("systemctl")).doesNotExist();
        assertThat(bin.resolve("crontab")).doesNotExist();
        script = Pyrolab.INSTALLATION.resolve("bin/pyrolab").toString();
    }

    @AfterEach
    void stopEverything() throws Exception {
        pyrolab.close();
    }

    private static Path which(String tool) {
        Optional<Path> found = Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .map(dir -> Paths.get(dir, tool)).filter(Files::isExecutable).findFirst();
        assertThat(found).as(tool + " on the test's PATH").isPresent();
        return found.get();
    }

    @Test
    void printShowsTheSystemdUnitAndSaysTheManagerIsMissing() {
        Result r = pyrolab.run("autostart", "install", "--print");
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.err).isEmpty();
        List<String> lines = r.out.lines().toList();
        assertThat(lines.get(0)).isEqualTo("note: systemd's user manager is not running here and there is no crontab command;"
                + " this is what `autostart install` would write once the user manager runs");
        assertThat(lines.get(1)).isEqualTo(
                "pyrolab autostart install would set up a systemd user unit (start at boot); nothing has been changed:");
        assertThat(r.out).contains("write " + config.resolve("systemd/user/pyrolab.service") + ":",
                "[Service]", "Environment=\"PYROLAB_HOME=" + pyrolab.home + "\"",
                "ExecStart=\"" + script + "\" up --foreground", "run systemctl --user enable --now pyrolab.service");
        assertThat(r.out.lines().filter(l -> l.startsWith("note: systemd's"))).hasSize(1);
        assertThat(config).as("nothing written").doesNotExist();
    }

    @Test
    void installWithoutAnyMechanismIsOneSentence() {
        Result r = pyrolab.run("autostart", "install");
        assertThat(r.exit).as(r.toString()).isEqualTo(1);
        assertThat(r.out).isEmpty();
        assertThat(r.err).startsWith("pyrolab: neither a systemd user manager nor the crontab command is available here;")
                .contains("install cron", "--at login").doesNotContain("Exception", "\tat ");
        assertThat(r.err.lines()).hasSize(1);
        assertThat(config).doesNotExist();
    }

    @Test
    void atLoginInstallsShowsAndRemovesAnXdgAutostartEntry() throws Exception {
        Path entry = config.resolve("autostart/pyrolab.desktop");
        Result print = pyrolab.run("autostart", "install", "--at", "login", "--print");
        assertThat(print.exit).as(print.toString()).isZero();
        assertThat(print.out).startsWith("pyrolab autostart install would set up an XDG autostart entry (start at login)")
                .contains("write " + entry + ":", "[Desktop Entry]").doesNotContain("note: systemd");
        assertThat(entry).doesNotExist();

        Result install = pyrolab.run("autostart", "install", "--at", "login");
        assertThat(install.exit).as(install.toString()).isZero();
        assertThat(install.out).contains("wrote " + entry);
        List<String> lines = Files.readAllLines(entry);
        assertThat(lines).contains("[Desktop Entry]", "Type=Application", "X-GNOME-Autostart-enabled=true", "NoDisplay=true");
        assertThat(lines).filteredOn(l -> l.startsWith("Exec=")).singleElement().asString()
                .contains(script).contains("JAVA_HOME=").endsWith(" --home " + pyrolab.home + " up");
        assertThat(entry.getParent()).isDirectory();
        try (Stream<Path> files = Files.list(entry.getParent())) {
            assertThat(files).as("no temporary file left by the atomic write").containsExactly(entry);
        }

        Result status = pyrolab.run("autostart", "status");
        assertThat(status.exit).as(status.toString()).isZero();
        assertThat(status.out).contains("installed: XDG autostart entry " + entry + ", starts this installation");

        Result remove = pyrolab.run("autostart", "remove");
        assertThat(remove.exit).as(remove.toString()).isZero();
        assertThat(remove.out).contains("deleted " + entry);
        assertThat(entry).doesNotExist();
        assertThat(pyrolab.run("autostart", "status").exit).isEqualTo(1);
    }
}
