package org.pyrolab.command;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pyrolab.api.dto.DaemonDTO;
import org.pyrolab.api.lab.Daemon;

/** {@code pyrolab status} and {@code pyrolab down}. */
@Component(service = DaemonCommands.class)
@GogoCommand(scope = "pyrolab", function = {"status", "down"})
public class DaemonCommands {

    @Reference
    Daemon daemon;

    @Descriptor("whether the daemon runs: pid, port, uptime, version, counts")
    public String status() {
        DaemonDTO s = daemon.status();
        return Table.keyValues(
                "PyroLab daemon is running", 
                "pid", String.valueOf(s.pid),
                "control port", s.controlPort + " (loopback)",
                "uptime", Table.duration(s.uptimeSeconds),
                "version", s.version,
                "data", s.dataFolder,
                "config", s.configSource == null ? "(none)" : s.configSource,
                "services", s.services + " configured, " + s.running + " running, " + s.failed + " failed");
    }

    @Descriptor("stop services in reverse start order, then the daemon")
    public String down() {
        DaemonDTO s = daemon.status();
        daemon.shutdown();
        return "Stopping PyroLab daemon (pid " + s.pid + ")...";
    }
}
