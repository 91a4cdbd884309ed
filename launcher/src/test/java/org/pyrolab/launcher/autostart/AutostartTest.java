package org.pyrolab.launcher.autostart;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

/** Every mechanism against a temporary home, crontab file and unit folder; tools are recorded, never run. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AutostartTest {
    @TempDir
    Path tmp;
    Path install;
    Path home;
    Map<String, String> env;
    final List<List<String>> ran = new ArrayList<>();
    final Commands recorder = (command, input) -> {
        ran.add(command);
        return new Commands.Result(0, "");
    };
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void folders() {
        install = tmp.resolve("opt/pyro lab");
        home = tmp.resolve("data home");
        env = new HashMap<>();
        env.put("PYROLAB_HOME", home.toString());
        env.put(Host.SYSTEMD_DIR_ENV, tmp.resolve("units").toString());
        env.put(Host.CRONTAB_FILE_ENV, tmp.resolve("crontab").toString());
        env.put("USER", "lab");
    }

    private Host host(String os) {
        return new Host(install, home, os, env, tmp.resolve("user"), recorder);
    }

    private int run(String os, String... args) throws Exception {
        return new AutostartCommand(host(os), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of(args));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void systemdUnitRunsForegroundWithHomeAndRestart() throws Exception {
        assertThat(run("Linux", "install")).isZero();
        Path unit = tmp.resolve("units/pyrolab.service");
        assertThat(Files.readString(unit)).contains("Type=simple\n", "Restart=on-failure\n", "WantedBy=default.target\n",
                "Environment=\"PYROLAB_HOME=" + home + "\"\n",
                "ExecStart=\"" + install.resolve("bin/pyrolab") + "\" up --foreground\n");
        assertThat(ran).as("systemctl is never run with the unit folder overridden").isEmpty();
        assertThat(out()).contains("loginctl enable-linger lab");
        verifyWithSystemdAnalyze(unit);
    }

    /** Where systemd-analyze exists, it must accept the unit (it warns about unknown keys and bad quoting). */
    private void verifyWithSystemdAnalyze(Path unit) throws Exception {
        Path tool = Path.of("/usr/bin/systemd-analyze");
        assumeTrue(Files.isExecutable(tool), "systemd-analyze is not installed");
        Files.createDirectories(install.resolve("bin"));
        Path script = Files.writeString(install.resolve("bin/pyrolab"), "#!/bin/sh\n");
        script.toFile().setExecutable(true);
        // system mode: --user needs a running user manager, which containers and CI lack
        Process p = new ProcessBuilder(tool.toString(), "verify", unit.toString()).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(said).isZero();
        assertThat(said).as("warnings about the unit").doesNotContain("pyrolab.service:");
    }

    @Test
    void installTwiceThenRemoveLeavesTheCrontabAsItWas() throws Exception {
        env.remove(Host.SYSTEMD_DIR_ENV);
        String original = "# m h dom mon dow command\nMAILTO=lab\n*/5 * * * * /usr/bin/backup --quiet\n";
        Path crontab = Files.writeString(tmp.resolve("crontab"), original);

        assertThat(run("Linux", "install")).isZero();
        String once = Files.readString(crontab);
        assertThat(run("Linux", "install")).isZero();
        assertThat(Files.readString(crontab)).isEqualTo(once);
        assertThat(once).startsWith(original).endsWith("@reboot PYROLAB_HOME='" + home + "' '" + install.resolve("bin/pyrolab")
                + "' up --force # pyrolab autostart\n");
        assertThat(once.lines().filter(l -> l.startsWith("@reboot"))).hasSize(1);

        assertThat(run("Linux", "status")).isZero();
        assertThat(out()).contains("installed: crontab @reboot line", "starts this installation");
        assertThat(run("Linux", "remove")).isZero();
        assertThat(Files.readString(crontab)).isEqualTo(original);
        assertThat(run("Linux", "status")).isEqualTo(1);
        assertThat(ran).isEmpty();
    }

    @Test
    void printChangesNothing() throws Exception {
        env.remove(Host.SYSTEMD_DIR_ENV);
        assertThat(run("Linux", "install", "--print")).isZero();
        assertThat(out()).contains("nothing has been changed", "@reboot", "up --force # pyrolab autostart");
        assertThat(tmp.resolve("crontab")).doesNotExist();
        assertThat(run("Mac OS X", "install", "--print")).isZero();
        assertThat(tmp.resolve("user/Library")).doesNotExist();
        assertThat(ran).isEmpty();
    }

    @Test
    void statusNamesAnotherInstallation() throws Exception {
        assertThat(run("Linux", "install")).isZero();
        install = tmp.resolve("other");
        out.reset();
        assertThat(run("Linux", "status")).isEqualTo(1);
        assertThat(out()).contains("starts another installation", "Run `pyrolab autostart install`");
    }

    @Test
    void launchAgentStartsAtLoginAndRestartsOnlyAfterFailure() throws Exception {
        assertThat(run("Mac OS X", "install")).isZero();
        Path plist = tmp.resolve("user/Library/LaunchAgents/org.pyrolab.daemon.plist");
        assertThat(Files.readString(plist)).contains("<key>Label</key>\n  <string>org.pyrolab.daemon</string>",
                "<string>" + install.resolve("bin/pyrolab") + "</string>\n    <string>up</string>\n    <string>--foreground</string>",
                "<key>RunAtLoad</key>\n  <true/>", "<key>KeepAlive</key>\n  <dict>\n    <key>SuccessfulExit</key>\n    <false/>",
                "<key>PYROLAB_HOME</key>\n    <string>" + home + "</string>");
        assertThat(ran).containsExactly(List.of("launchctl", "unload", "-w", plist.toString()),
                List.of("launchctl", "load", "-w", plist.toString()));
        assertThat(run("Mac OS X", "remove")).isZero();
        assertThat(plist).doesNotExist();
    }

    @Test
    void windowsTaskAtBootWithHighestPrivilegesAndRestart() throws Exception {
        env.put("USERNAME", "lab");
        assertThat(run("Windows 11", "install", "--at", "boot")).isZero();
        Path xml = home.resolve("autostart/pyrolabd.xml");
        String task = new String(Files.readAllBytes(xml), StandardCharsets.UTF_16LE);
        assertThat(task).startsWith("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-16\"?>")
                .contains("<BootTrigger>", "<RunLevel>HighestAvailable</RunLevel>", "<LogonType>Password</LogonType>",
                        "<RestartOnFailure>", "<StartWhenAvailable>true</StartWhenAvailable>",
                        "<DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>",
                        "<Command>" + install.resolve("bin").resolve("pyrolab.bat") + "</Command>",
                        "<Arguments>--home &quot;" + home + "&quot; up --force</Arguments>");
        assertThat(ran).containsExactly(List.of("schtasks", "/Create", "/TN", "pyrolabd", "/XML", xml.toString(), "/F",
                "/RU", "lab", "/RP"));
    }

    @Test
    void windowsTaskAtLogonAndStartupFolder() throws Exception {
        env.put("USERNAME", "lab");
        env.put("APPDATA", tmp.resolve("roaming").toString());
        assertThat(run("Windows 10", "install", "--at", "login")).isZero();
        String task = new String(Files.readAllBytes(home.resolve("autostart/pyrolabd.xml")), StandardCharsets.UTF_16LE);
        assertThat(task).contains("<LogonTrigger>", "<UserId>lab</UserId>", "<LogonType>InteractiveToken</LogonType>");
        assertThat(ran.get(0)).doesNotContain("/RP");

        assertThat(run("Windows 10", "install", "--startup-folder")).isZero();
        Path cmd = tmp.resolve("roaming/Microsoft/Windows/Start Menu/Programs/Startup/pyrolabd.cmd");
        assertThat(Files.readString(cmd)).contains("set \"PYROLAB_HOME=" + home + "\"\r\n",
                "\"" + install.resolve("bin").resolve("pyrolab.bat") + "\" up --force\r\n");
    }

    @Test
    void badUsageExitsTwo() throws Exception {
        assertThat(run("Linux", "install", "--at", "noon")).isEqualTo(2);
        assertThat(run("Linux", "status", "--print")).isEqualTo(2);
        assertThat(run("Linux")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: pyrolab autostart install");
    }
}
