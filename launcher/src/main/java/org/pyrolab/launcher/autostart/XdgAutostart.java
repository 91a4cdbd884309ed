package org.pyrolab.launcher.autostart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * A Linux desktop without a systemd user manager or cron, {@code --at login}: an XDG autostart entry
 * {@code $XDG_CONFIG_HOME/autostart/pyrolab.desktop} that the desktop session (GNOME, KDE, Xfce, ...)
 * runs at graphical log-in. It runs {@code pyrolab up}, which starts the daemon in the background.
 */
final class XdgAutostart implements Mechanism {
    static final String FILE = "pyrolab.desktop";
    private final Host host;

    XdgAutostart(Host host) {
        this.host = host;
    }

    @Override
    public String name() {
        return "XDG autostart entry";
    }

    /** It is only a file; whether a desktop session reads it cannot be told from here. */
    @Override
    public boolean available() {
        return true;
    }

    Path file() {
        String xdg = host.env.get("XDG_CONFIG_HOME");
        Path config = xdg != null && Paths.get(xdg).isAbsolute() ? Paths.get(xdg) : host.userHome.resolve(".config");
        return config.resolve("autostart").resolve(FILE);
    }

    /** The Exec line's value: the script with --home when it is pinned, through env when JAVA_HOME is set. */
    String exec() {
        List<String> args = new ArrayList<>();
        if (host.javaHome() != null) {
            args.add("env");
            args.add("JAVA_HOME=" + host.javaHome());
        }
        args.add(host.script().toString());
        if (host.home != null) {
            args.add("--home");
            args.add(host.home.toString());
        }
        args.add("up");
        StringBuilder exec = new StringBuilder();
        for (String arg : args) {
            exec.append(exec.length() == 0 ? "" : " ").append(token(arg));
        }
        return exec.toString();
    }

    /** One argument as the Exec line has it: bare when it is plain, else quoted; % doubled (it starts a field code). */
    static String token(String arg) {
        return (arg.matches("[A-Za-z0-9_./=+:,@%-]+") ? arg : quote(arg)).replace("%", "%%");
    }

    /**
     * The Desktop Entry Specification's quoting: double quotes with \ before " ` $ and \, and then,
     * because Exec is a string value, every backslash written twice.
     */
    static String quote(String arg) {
        String inner = arg.replace("\\", "\\\\").replace("\"", "\\\"").replace("`", "\\`").replace("$", "\\$");
        return ("\"" + inner + "\"").replace("\\", "\\\\");
    }

    String entry() {
        return "# Written by `pyrolab autostart install --at login`; remove it with `pyrolab autostart remove`.\n"
                + "[Desktop Entry]\n"
                + "Type=Application\n"
                + "Version=1.0\n"
                + "Name=PyroLab daemon\n"
                + "Comment=Starts the PyroLab daemon at log-in\n"
                + "Exec=" + exec() + "\n"
                + "Terminal=false\n"
                + "NoDisplay=true\n"
                + "X-GNOME-Autostart-enabled=true\n";
    }

    @Override
    public List<Step> install(At at) {
        return List.of(new Step.WriteFile(file(), entry()),
                new Step.Note("the desktop session runs it at your next graphical log-in (not at a console or ssh log-in);"
                        + " run `pyrolab up` to start the daemon now"));
    }

    @Override
    public List<Step> remove() {
        return Files.exists(file()) ? List.of(new Step.DeleteFile(file())) : List.of();
    }

    @Override
    public Status status() throws IOException {
        Path file = file();
        if (!Files.exists(file)) {
            return null;
        }
        String text = Files.readString(file);
        String exec = SystemdUnit.line(text, "Exec=");
        boolean here = (" " + exec.substring(exec.indexOf('=') + 1) + " ").contains(" " + token(host.script().toString()) + " ");
        return new Status(name() + " " + file + (here ? ", starts this installation"
                : ", starts another installation: " + SystemdUnit.line(text, "Exec=")), here);
    }
}
