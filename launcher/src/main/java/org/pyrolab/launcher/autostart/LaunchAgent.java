package org.pyrolab.launcher.autostart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** macOS: a LaunchAgent that starts {@code pyrolab up --foreground} at log-in and again when it fails. */
final class LaunchAgent implements Mechanism {
    static final String LABEL = "org.pyrolab.daemon";
    private final Host host;

    LaunchAgent(Host host) {
        this.host = host;
    }

    @Override
    public String name() {
        return "launchd agent";
    }

    @Override
    public boolean available() {
        return true;
    }

    Path plistFile() {
        return host.userHome.resolve("Library").resolve("LaunchAgents").resolve(LABEL + ".plist");
    }

    String plist() {
        StringBuilder p = new StringBuilder()
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n")
                .append("<!-- Written by `pyrolab autostart install`; remove it with `pyrolab autostart remove`. -->\n")
                .append("<plist version=\"1.0\">\n<dict>\n")
                .append("  <key>Label</key>\n  <string>").append(LABEL).append("</string>\n")
                .append("  <key>ProgramArguments</key>\n  <array>\n")
                .append("    <string>").append(Mechanism.xml(host.script().toString())).append("</string>\n")
                .append("    <string>up</string>\n    <string>--foreground</string>\n  </array>\n");
        if (host.home != null || host.javaHome() != null) {
            p.append("  <key>EnvironmentVariables</key>\n  <dict>\n");
            if (host.home != null) {
                p.append("    <key>PYROLAB_HOME</key>\n    <string>").append(Mechanism.xml(host.home.toString())).append("</string>\n");
            }
            if (host.javaHome() != null) {
                p.append("    <key>JAVA_HOME</key>\n    <string>").append(Mechanism.xml(host.javaHome())).append("</string>\n");
            }
            p.append("  </dict>\n");
        }
        p.append("  <key>RunAtLoad</key>\n  <true/>\n")
                // restart after a crash, not after `pyrolab down`
                .append("  <key>KeepAlive</key>\n  <dict>\n    <key>SuccessfulExit</key>\n    <false/>\n  </dict>\n")
                .append("  <key>ThrottleInterval</key>\n  <integer>10</integer>\n");
        if (host.home != null) {
            String console = Mechanism.xml(host.home.resolve("logs").resolve("daemon.out").toString());
            p.append("  <key>StandardOutPath</key>\n  <string>").append(console).append("</string>\n")
                    .append("  <key>StandardErrorPath</key>\n  <string>").append(console).append("</string>\n");
        }
        return p.append("</dict>\n</plist>\n").toString();
    }

    @Override
    public List<Step> install(At at) {
        String plist = plistFile().toString();
        List<Step> steps = new ArrayList<>();
        steps.add(new Step.WriteFile(plistFile(), plist()));
        // unload first, so a second install reloads the new file instead of failing
        steps.add(new Step.Run(host.commands, true, "launchctl", "unload", "-w", plist));
        steps.add(new Step.Run(host.commands, false, "launchctl", "load", "-w", plist));
        if (at == At.BOOT) {
            steps.add(new Step.Note("a LaunchAgent starts when you log in; for start at boot turn on automatic log-in for this "
                    + "user, or use a crontab @reboot line as docs/deployment.md describes"));
        }
        return steps;
    }

    @Override
    public List<Step> remove() {
        if (!Files.exists(plistFile())) {
            return List.of();
        }
        return List.of(new Step.Run(host.commands, true, "launchctl", "unload", "-w", plistFile().toString()),
                new Step.DeleteFile(plistFile()));
    }

    @Override
    public Status status() throws IOException {
        if (!Files.exists(plistFile())) {
            return null;
        }
        boolean here = Files.readString(plistFile()).contains("<string>" + Mechanism.xml(host.script().toString()) + "</string>");
        return new Status(name() + " " + plistFile() + (here ? ", starts this installation" : ", starts another installation"), here);
    }
}
