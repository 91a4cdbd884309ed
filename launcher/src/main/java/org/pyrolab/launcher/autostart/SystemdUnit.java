package org.pyrolab.launcher.autostart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** Linux with systemd: a user unit that runs {@code pyrolab up --foreground} and restarts it when it fails. */
final class SystemdUnit implements Mechanism {
    static final String UNIT = "pyrolab.service";
    private final Host host;

    SystemdUnit(Host host) {
        this.host = host;
    }

    @Override
    public String name() {
        return "systemd user unit";
    }

    /** The user unit folder; with the test override systemctl is never run. */
    Path unitFile() {
        String override = host.env.get(Host.SYSTEMD_DIR_ENV);
        if (override != null && !override.isBlank()) {
            return Paths.get(override).resolve(UNIT);
        }
        String xdg = host.env.get("XDG_CONFIG_HOME");
        Path config = xdg != null && Paths.get(xdg).isAbsolute() ? Paths.get(xdg) : host.userHome.resolve(".config");
        return config.resolve("systemd").resolve("user").resolve(UNIT);
    }

    private boolean managesSystemd() {
        String override = host.env.get(Host.SYSTEMD_DIR_ENV);
        return override == null || override.isBlank();
    }

    @Override
    public boolean available() {
        if (!managesSystemd()) {
            return true;
        }
        if (host.env.get(Host.CRONTAB_FILE_ENV) != null) {
            return false; // a stand-in crontab means cron is under test: leave the real systemd alone
        }
        try {
            // a user manager answers only where systemd booted the machine and runs for this user
            return Files.isDirectory(Paths.get("/run/systemd/system"))
                    && host.commands.run(List.of("systemctl", "--user", "show-environment"), "").exit == 0;
        } catch (IOException e) {
            return false;
        }
    }

    String unit() {
        StringBuilder unit = new StringBuilder()
                .append("# Written by `pyrolab autostart install`; remove it with `pyrolab autostart remove`.\n")
                .append("[Unit]\n")
                .append("Description=PyroLab daemon\n")
                // a daemon that keeps failing (another one already runs) is left stopped after 5 tries
                .append("StartLimitIntervalSec=120\n")
                .append("StartLimitBurst=5\n\n")
                .append("[Service]\n")
                .append("Type=simple\n");
        if (host.home != null) {
            unit.append("Environment=").append(quote("PYROLAB_HOME=" + host.home)).append('\n');
        }
        if (host.javaHome() != null) {
            unit.append("Environment=").append(quote("JAVA_HOME=" + host.javaHome())).append('\n');
        }
        return unit.append("ExecStart=").append(quote(host.script().toString()).replace("$", "$$")).append(" up --foreground\n")
                .append("Restart=on-failure\n")
                .append("RestartSec=10\n")
                .append("TimeoutStopSec=45\n\n")
                .append("[Install]\n")
                .append("WantedBy=default.target\n")
                .toString();
    }

    /** systemd's quoting: double quotes, backslash escapes, and % doubled (it starts a specifier). */
    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("%", "%%") + "\"";
    }

    @Override
    public List<Step> install(At at) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step.WriteFile(unitFile(), unit()));
        if (managesSystemd()) {
            steps.add(new Step.Run(host.commands, false, "systemctl", "--user", "daemon-reload"));
            steps.add(new Step.Run(host.commands, false, "systemctl", "--user", "enable", "--now", UNIT));
        } else {
            steps.add(new Step.Note("systemctl is not run because " + Host.SYSTEMD_DIR_ENV + " is set; to use the unit run "
                    + "`systemctl --user daemon-reload && systemctl --user enable --now " + UNIT + "`"));
        }
        if (at == At.BOOT) {
            steps.add(new Step.Note("systemd starts a user's units at boot only for users with lingering on; run once "
                    + "`loginctl enable-linger " + host.user() + "` (it may ask for an administrator's password)."
                    + " Without it the daemon starts at your first log-in and stops at your last log-out."));
        }
        return steps;
    }

    @Override
    public List<Step> remove() throws IOException {
        if (!Files.exists(unitFile())) {
            return List.of();
        }
        List<Step> steps = new ArrayList<>();
        if (managesSystemd()) {
            steps.add(new Step.Run(host.commands, true, "systemctl", "--user", "disable", "--now", UNIT));
        }
        steps.add(new Step.DeleteFile(unitFile()));
        if (managesSystemd()) {
            steps.add(new Step.Run(host.commands, true, "systemctl", "--user", "daemon-reload"));
        }
        return steps;
    }

    @Override
    public Status status() throws IOException {
        Path file = unitFile();
        if (!Files.exists(file)) {
            return null;
        }
        String text = Files.readString(file);
        String enabled = "";
        if (managesSystemd()) {
            Commands.Result result = host.commands.run(List.of("systemctl", "--user", "is-enabled", UNIT), "");
            enabled = " (" + (result.output.isBlank() ? "state unknown" : result.output.strip()) + ")";
        }
        boolean here = text.contains(quote(host.script().toString()).replace("$", "$$"));
        return new Status(name() + " " + file + enabled + (here ? ", starts this installation"
                : ", starts another installation: " + line(text, "ExecStart=")), here);
    }

    static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("(no " + prefix + " line)");
    }
}
