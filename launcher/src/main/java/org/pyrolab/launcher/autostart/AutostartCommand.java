package org.pyrolab.launcher.autostart;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.pyrolab.launcher.autostart.Mechanism.At;

/**
 * {@code pyrolab autostart install [--at boot|login] [--print] [--startup-folder]}, {@code remove [--print]}
 * and {@code status}: runs in the command's own JVM, no daemon needed. Exit 0 done (status: installed
 * for this installation), 1 failed or not installed, 2 bad usage.
 */
public final class AutostartCommand {
    static final String USAGE = "usage: pyrolab autostart install [--at boot|login] [--print] [--startup-folder] | remove [--print] | status";
    private final Host host;
    private final PrintStream out;
    private final PrintStream err;

    public AutostartCommand(Host host, PrintStream out, PrintStream err) {
        this.host = host;
        this.out = out;
        this.err = err;
    }

    /** The command for this process: {@code home} is the folder to pin as PYROLAB_HOME, or null for the OS's usual folders. */
    public static int run(Path installation, Path home, List<String> args, PrintStream out, PrintStream err) throws IOException {
        return new AutostartCommand(Host.current(installation, home), out, err).run(args);
    }

    public int run(List<String> args) throws IOException {
        List<String> rest = new ArrayList<>(args);
        String action = rest.isEmpty() ? "" : rest.remove(0);
        switch (action) {
            case "install":
                boolean print = rest.remove("--print");
                boolean startupFolder = host.windows() && rest.remove("--startup-folder");
                At at = host.mac() ? At.LOGIN : At.BOOT;
                int i = rest.indexOf("--at");
                if (i >= 0 && i + 1 < rest.size() && List.of("boot", "login").contains(rest.get(i + 1))) {
                    at = At.valueOf(rest.get(i + 1).toUpperCase());
                    rest.subList(i, i + 2).clear();
                }
                return rest.isEmpty() ? install(choose(startupFolder, at, print), at, print) : usage(action, rest);
            case "remove":
                boolean dryRun = rest.remove("--print");
                return rest.isEmpty() ? remove(dryRun) : usage(action, rest);
            case "status":
                return rest.isEmpty() ? status() : usage(action, rest);
            default:
                err.println("pyrolab: " + USAGE);
                return 2;
        }
    }

    private int usage(String action, List<String> extra) {
        err.println("pyrolab: `autostart " + action + "` does not take " + String.join(" ", extra) + "; " + USAGE);
        return 2;
    }

    /** Every mechanism this OS has, the preferred one first. */
    List<Mechanism> mechanisms() {
        if (host.windows()) {
            return List.of(new WindowsTask(host), new StartupFolder(host));
        }
        if (host.mac()) {
            return List.of(new LaunchAgent(host));
        }
        return List.of(new SystemdUnit(host), new CronReboot(host, Crontab.of(host)), new XdgAutostart(host));
    }

    /** The mechanism an install uses, and why it cannot be used here when only {@code --print} can show it. */
    record Choice(Mechanism mechanism, String missing) { }

    /**
     * The first available of the OS's mechanisms; on Linux the XDG entry only for {@code --at login},
     * as boot needs systemd or cron. Where none fits, {@code --print} shows the usual one (systemd on
     * Linux) and says it is missing; an install fails with one sentence naming what to install.
     */
    Choice choose(boolean startupFolder, At at, boolean print) {
        List<Mechanism> all = mechanisms();
        if (startupFolder) {
            return new Choice(all.get(1), null);
        }
        for (Mechanism m : all) {
            if (!(m instanceof XdgAutostart) || at == At.LOGIN) {
                if (m.available()) {
                    return new Choice(m, null);
                }
            }
        }
        if (print) {
            return new Choice(all.get(0), all.get(0) instanceof SystemdUnit
                    ? "systemd's user manager is not running here and there is no crontab command; this is what "
                            + "`autostart install` would write once the user manager runs"
                    : "a " + all.get(0).name() + " cannot be set up here; this is what `autostart install` would write");
        }
        throw new IllegalStateException(all.get(0) instanceof SystemdUnit
                ? "neither a systemd user manager nor the crontab command is available here; install cron (or run systemd) "
                        + "for a start at boot, or use `pyrolab autostart install --at login` for an XDG autostart entry that "
                        + "starts it at desktop log-in"
                : "a " + all.get(0).name() + " cannot be set up here; see docs/deployment.md for the manual steps");
    }

    private int install(Choice choice, At at, boolean print) throws IOException {
        Mechanism mechanism = choice.mechanism();
        List<Step> steps = mechanism.install(at);
        if (print) {
            if (choice.missing() != null) {
                out.println("note: " + choice.missing());
            }
            out.println("pyrolab autostart install would set up " + article(mechanism) + mechanism.name()
                    + " (start at " + at.name().toLowerCase() + "); nothing has been changed:");
            steps.forEach(s -> out.print(indent(s.describe())));
            return 0;
        }
        out.println("Setting up " + article(mechanism) + mechanism.name() + " to start the PyroLab daemon at "
                + at.name().toLowerCase() + ":");
        for (Step step : steps) {
            out.print(indent(step.apply()));
        }
        return 0;
    }

    private static String article(Mechanism m) {
        return "AEIOUX".indexOf(m.name().charAt(0)) >= 0 ? "an " : "a ";
    }

    private int remove(boolean print) throws IOException {
        List<Step> steps = new ArrayList<>();
        for (Mechanism m : mechanisms()) {
            steps.addAll(m.remove());
        }
        if (steps.isEmpty()) {
            out.println("PyroLab autostart is not installed; nothing to remove.");
            return 0;
        }
        out.println(print ? "pyrolab autostart remove would (nothing has been changed):" : "Removing PyroLab autostart:");
        for (Step step : steps) {
            out.print(indent(print ? step.describe() : step.apply()));
        }
        return 0;
    }

    private int status() throws IOException {
        boolean any = false;
        boolean allHere = true;
        for (Mechanism m : mechanisms()) {
            Mechanism.Status status = m.status();
            if (status != null) {
                out.println("installed: " + status.text);
                any = true;
                allHere &= status.pointsHere;
            }
        }
        if (!any) {
            out.println("PyroLab autostart is not installed; set it up with `pyrolab autostart install`.");
            return 1;
        }
        if (!allHere) {
            out.println("Run `pyrolab autostart install` from this installation to point it here.");
        }
        return allHere ? 0 : 1;
    }

    private static String indent(String text) {
        String indented = text.indent(2);
        return indented.endsWith("\n") ? indented : indented + "\n";
    }
}
