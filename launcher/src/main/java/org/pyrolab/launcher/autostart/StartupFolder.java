package org.pyrolab.launcher.autostart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/** Windows, the seed's second option: a .cmd in the user's Startup folder, run at each log-on. */
final class StartupFolder implements Mechanism {
    static final String FILE = "pyrolabd.cmd";
    private final Host host;

    StartupFolder(Host host) {
        this.host = host;
    }

    @Override
    public String name() {
        return "Startup folder entry";
    }

    @Override
    public boolean available() {
        return true;
    }

    Path file() {
        String appData = host.env.getOrDefault("APPDATA", host.userHome.resolve("AppData").resolve("Roaming").toString());
        return Paths.get(appData, "Microsoft", "Windows", "Start Menu", "Programs", "Startup", FILE);
    }

    String script() {
        StringBuilder cmd = new StringBuilder("@echo off\r\n")
                .append("rem Written by `pyrolab autostart install --startup-folder`; remove it with `pyrolab autostart remove`.\r\n");
        if (host.home != null) {
            cmd.append("set \"PYROLAB_HOME=").append(escape(host.home.toString())).append("\"\r\n");
        }
        return cmd.append('"').append(escape(host.script().toString())).append("\" up --force\r\n").toString();
    }

    /** In a batch file % starts a variable. */
    private static String escape(String value) {
        return value.replace("%", "%%");
    }

    @Override
    public List<Step> install(At at) {
        return List.of(new Step.WriteFile(file(), script()),
                new Step.Note("the Startup folder runs it when you log on; for start at boot use the task (without --startup-folder)"));
    }

    @Override
    public List<Step> remove() {
        return Files.exists(file()) ? List.of(new Step.DeleteFile(file())) : List.of();
    }

    @Override
    public Status status() throws IOException {
        if (!Files.exists(file())) {
            return null;
        }
        boolean here = Files.readString(file()).contains(escape(host.script().toString()));
        return new Status(name() + " " + file() + (here ? ", starts this installation" : ", starts another installation"), here);
    }
}
