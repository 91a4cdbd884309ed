package org.pyrolab.command;

import java.time.Duration;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pyrolab.api.dto.DaemonDTO;
import org.pyrolab.api.dto.ServiceDTO;
import org.pyrolab.api.lab.Daemon;
import org.pyrolab.api.lab.Services;
import org.pyrolab.control.CommandHelp;
import org.pyrolab.daemon.text.Table;

/** {@code pyrolab status} and {@code pyrolab down}. */
@Component(service = DaemonCommands.class)
@GogoCommand(scope = "pyrolab", function = {"status", "down", "autolaunch"})
public class DaemonCommands {
    /** Drivers in the deploy directory may take a moment to arrive at start-up. */
    private static final Duration AUTOLAUNCH_WAIT = Duration.ofSeconds(10);

    @Reference
    Daemon daemon;

    @Reference
    Services services;

    @Descriptor(CommandHelp.STATUS)
    public String status(@Descriptor("print a JSON object") @Parameter(names = "--json", presentValue = "true", absentValue = "false") boolean json) {
        DaemonDTO s = daemon.status();
        if (json) {
            return Output.json(s);
        }
        return Table.keyValues(
                "PyroLab daemon is running",
                "pid", String.valueOf(s.pid),
                "control port", s.controlPort + " (loopback)",
                "uptime", Table.duration(s.uptimeSeconds),
                "version", s.version,
                "data", s.dataFolder,
                "config", s.configSource == null ? "(none)" : s.configSource,
                "services", s.services + " configured, " + s.running + " running, " + s.failed + " failed",
                "heap", mib(s.heapUsed) + " used of " + mib(s.heapMax),
                "connections", s.connections + " remote, " + s.controlClients + " control");
    }

    private static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }

    @Descriptor(CommandHelp.DOWN)
    public String down() {
        DaemonDTO s = daemon.status();
        daemon.shutdown();
        return "Stopping PyroLab daemon (pid " + s.pid + ")...";
    }

    @Descriptor(CommandHelp.AUTOLAUNCH)
    public String autolaunch() {
        List<ServiceDTO> failed = services.autolaunchFailures(AUTOLAUNCH_WAIT);
        if (failed.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder("Autolaunch: " + failed.size() + " service(s) not running:\n");
        for (ServiceDTO s : failed) {
            text.append("  ").append(s.name).append(": ").append(s.state).append(s.reason == null ? "" : " - " + s.reason).append('\n');
        }
        return text.append("See `pyrolab ps` and `pyrolab logs NAME`.").toString();
    }
}
