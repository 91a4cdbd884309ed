package org.pyrolab.launcher.autostart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pyrolab.launcher.autostart.Mechanism.At;

/**
 * Linux where neither systemctl nor crontab can be run (every tool answers 127, "not found"): the
 * mechanism choice, {@code --print} of the missing usual one, and the XDG autostart entry.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class XdgAutostartTest {
    @TempDir
    Path tmp;
    Path install;
    Path home;
    Map<String, String> env;
    final List<List<String>> ran = new ArrayList<>();
    /** The host's tools: all missing, unless a test lets crontab answer. */
    boolean crontabHere;
    final Commands tools = (command, input) -> {
        ran.add(command);
        return new Commands.Result(crontabHere && command.get(0).equals("crontab") ? 0 : 127, "");
    };
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void folders() {
        install = tmp.resolve("opt/pyro lab");
        home = tmp.resolve("data home");
        env = new HashMap<>();
        env.put("USER", "lab");
        env.put("XDG_CONFIG_HOME", tmp.resolve("config").toString());
    }

    private Host host() {
        return new Host(install, home, "Linux", env, tmp.resolve("user"), tools);
    }

    private AutostartCommand command() {
        return new AutostartCommand(host(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private int run(String... args) throws Exception {
        return command().run(List.of(args));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private Path entry() {
        return tmp.resolve("config/autostart/pyrolab.desktop");
    }

    @Test
    void bootWithoutSystemdOrCronFailsWithOneSentenceNamingTheWayOut() {
        assertThatThrownBy(() -> command().choose(false, At.BOOT, false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("install cron").hasMessageContaining("--at login").hasMessageNotContaining("\n");
        assertThat(tmp.resolve("config")).doesNotExist();
    }

    @Test
    void printShowsTheSystemdUnitAndSaysTheManagerIsMissing() throws Exception {
        assertThat(run("install", "--print")).isZero();
        List<String> lines = out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("note: systemd's user manager is not running here and there is no crontab command;"
                + " this is what `autostart install` would write once the user manager runs");
        assertThat(lines.get(1)).contains("would set up a systemd user unit (start at boot); nothing has been changed");
        assertThat(out()).contains(tmp.resolve("config/systemd/user/pyrolab.service").toString(), "[Service]",
                "ExecStart=\"" + install.resolve("bin/pyrolab") + "\" up --foreground", "run systemctl --user enable --now");
        assertThat(tmp.resolve("config")).doesNotExist();
        assertThat(ran).noneMatch(c -> c.contains("enable") || c.contains("daemon-reload"));
    }

    @Test
    void choiceOnLinux() {
        assertThat(command().choose(false, At.LOGIN, false).mechanism()).isInstanceOf(XdgAutostart.class);
        assertThat(command().choose(false, At.LOGIN, true).missing()).isNull();
        crontabHere = true;
        assertThat(command().choose(false, At.BOOT, false).mechanism()).isInstanceOf(CronReboot.class);
        assertThat(command().choose(false, At.LOGIN, false).mechanism()).as("cron, where it is, starts earlier still")
                .isInstanceOf(CronReboot.class);
        env.put(Host.SYSTEMD_DIR_ENV, tmp.resolve("units").toString()); // stands for a running user manager
        assertThat(command().choose(false, At.LOGIN, false).mechanism()).isInstanceOf(SystemdUnit.class);
    }

    @Test
    void loginInstallsStatusAndRemovesTheDesktopEntry() throws Exception {
        assertThat(run("install", "--at", "login")).isZero();
        assertThat(out()).contains("Setting up an XDG autostart entry", "wrote " + entry());
        String text = Files.readString(entry());
        assertThat(text.lines()).contains("[Desktop Entry]", "Type=Application", "Name=PyroLab daemon",
                "Exec=\"" + install.resolve("bin/pyrolab") + "\" --home \"" + home + "\" up",
                "X-GNOME-Autostart-enabled=true", "NoDisplay=true", "Terminal=false");
        assertThat(ran).noneMatch(c -> c.get(0).equals("systemctl") && c.size() > 2 && !c.get(2).equals("show-environment"));

        assertThat(run("install", "--at", "login")).isZero();
        assertThat(Files.readString(entry())).as("installing twice").isEqualTo(text);

        out.reset();
        assertThat(run("status")).isZero();
        assertThat(out()).contains("installed: XDG autostart entry " + entry() + ", starts this installation");
        install = tmp.resolve("other");
        out.reset();
        assertThat(run("status")).isEqualTo(1);
        assertThat(out()).contains("starts another installation");

        assertThat(run("remove")).isZero();
        assertThat(entry()).doesNotExist();
        assertThat(entry().getParent()).as("the autostart folder stays").isDirectory();
        assertThat(run("status")).isEqualTo(1);
    }

    @Test
    void honoursXdgConfigHomeElseDotConfig() {
        assertThat(new XdgAutostart(host()).file()).isEqualTo(entry());
        env.remove("XDG_CONFIG_HOME");
        assertThat(new XdgAutostart(host()).file()).isEqualTo(tmp.resolve("user/.config/autostart/pyrolab.desktop"));
        env.put("XDG_CONFIG_HOME", "relative/ignored");
        assertThat(new XdgAutostart(host()).file()).isEqualTo(tmp.resolve("user/.config/autostart/pyrolab.desktop"));
    }

    @Test
    void execQuotesAsTheDesktopEntrySpecificationSays() {
        install = tmp.resolve("opt/plain");
        home = null;
        env.put("JAVA_HOME", "/usr/lib/jvm/java 17");
        assertThat(new XdgAutostart(host()).exec())
                .isEqualTo("env \"JAVA_HOME=/usr/lib/jvm/java 17\" " + install.resolve("bin/pyrolab") + " up");
        assertThat(XdgAutostart.token("/a$b\"c`d\\e")).isEqualTo("\"/a\\\\$b\\\\\"c\\\\`d\\\\\\\\e\"");
        assertThat(XdgAutostart.token("/lab/100%")).isEqualTo("/lab/100%%");
        assertThat(XdgAutostart.token("/my lab/100%")).isEqualTo("\"/my lab/100%%\"");
    }

    /** Where desktop-file-validate exists (desktop-file-utils), it must accept the entry, quoting and all. */
    @Test
    void desktopFileValidateAcceptsTheEntry() throws Exception {
        Path tool = Path.of(System.getProperty("desktop-file-validate", "/usr/bin/desktop-file-validate"));
        assumeTrue(Files.isExecutable(tool), "desktop-file-validate is not installed");
        install = tmp.resolve("opt/pyro $lab \\ \"100%\"");
        env.put("JAVA_HOME", "/usr/lib/jvm/java 17");
        assertThat(run("install", "--at", "login")).isZero();
        Path file = entry();
        Process p = new ProcessBuilder(tool.toString(), file.toString()).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(said).isZero();
        assertThat(said).as("warnings").isBlank();
    }
}
