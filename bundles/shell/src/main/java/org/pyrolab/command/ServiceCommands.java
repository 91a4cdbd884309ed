package org.pyrolab.command;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pyrolab.api.dto.ServiceDTO;
import org.pyrolab.api.lab.ServiceChange;
import org.pyrolab.api.lab.Services;
import org.pyrolab.control.CommandFailure;
import org.pyrolab.daemon.text.ChangeLines;
import org.pyrolab.daemon.text.Table;
import org.pyrolab.control.CommandHelp;
import org.pyrolab.invoke.CommandLineValues;

/** {@code ps}, {@code start}, {@code stop}, {@code restart}: the services and their states. */
@Component(service = ServiceCommands.class)
@GogoCommand(scope = "pyrolab", function = {"ps", "start", "stop", "restart", "call"})
public class ServiceCommands {

    @Reference
    Services services;

    @Descriptor(CommandHelp.PS)
    public String ps(@Descriptor("print a JSON array") @Parameter(names = "--json", presentValue = "true", absentValue = "false") boolean json) {
        List<ServiceDTO> rows = services.list();
        if (json) {
            return Output.json(rows);
        }
        if (rows.isEmpty()) {
            return "No services are configured; add some under `services:` in the configuration (see `pyrolab config show`).";
        }
        Table table = new Table("NAME", "KIND", "STATE", "DRIVER", "BUNDLE", "VERSION", "UPTIME", "RESTARTS", "LOCK", "ADDRESS", "REASON");
        for (ServiceDTO s : rows) {
            String reason = s.reason == null ? null : s.nextRestart == null ? s.reason : s.reason + " (next restart " + s.nextRestart + ")";
            table.row(s.name, s.kind, s.state, s.driver, s.bundle, s.version, s.started == null ? null : Table.duration(s.uptimeSeconds),
                    s.restarts, s.lockHolder, s.address, reason);
        }
        return table.toString();
    }

    @Descriptor(CommandHelp.START)
    public String start(CommandSession session, @Descriptor("service names") String... names) {
        return each(session, "start NAME...", names, services::start);
    }

    @Descriptor(CommandHelp.STOP)
    public String stop(CommandSession session, @Descriptor("service names") String... names) {
        return each(session, "stop NAME...", names, services::stop);
    }

    @Descriptor(CommandHelp.RESTART)
    public String restart(CommandSession session, @Descriptor("service names") String... names) {
        return each(session, "restart NAME...", names, services::restart);
    }

    @Descriptor(CommandHelp.CALL)
    public String call(@Descriptor("service name") String name, @Descriptor("method") String method,
            @Descriptor("arguments") String... args) throws Exception {
        List<Object> values = new ArrayList<>();
        for (String arg : args == null ? new String[0] : args) {
            values.add(CommandLineValues.parse(arg)); // the invocation module's reading, so call and Pyro5 agree
        }
        return Output.json(services.call(name, method, values));
    }

    /** Acts on every name, reporting each as it is done; fails at the end if any failed (Karaf's BundlesCommand). */
    private static String each(CommandSession session, String usage, String[] names, Function<String, ServiceChange> action) {
        if (names == null || names.length == 0) {
            throw Output.usage(usage);
        }
        List<String> failures = new ArrayList<>();
        for (String name : names) {
            try {
                Output.progress(session, ChangeLines.line(action.apply(name)));
            } catch (RuntimeException e) {
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new CommandFailure(String.join("\npyrolab: ", failures));
        }
        return null;
    }
}
