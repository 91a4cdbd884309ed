package org.pyrolab.command;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pyrolab.api.dto.DriverDTO;
import org.pyrolab.api.lab.Deployer;
import org.pyrolab.api.lab.Services;
import org.pyrolab.control.CommandHelp;

/** {@code drivers}, {@code install}, {@code uninstall}: driver bundles and the deploy directory. */
@Component(service = DriverCommands.class)
@GogoCommand(scope = "pyrolab", function = {"drivers", "install", "uninstall"})
public class DriverCommands {

    @Reference
    Services services;

    @Reference
    Deployer deployer;

    @Descriptor(CommandHelp.DRIVERS)
    public String drivers(@Descriptor("print a JSON array") @Parameter(names = "--json", presentValue = "true", absentValue = "false") boolean json) {
        List<DriverDTO> rows = new ArrayList<>(services.drivers());
        rows.addAll(deployer.problems());
        if (json) {
            return Output.json(rows);
        }
        Table table = new Table("DRIVER", "BUNDLE", "VERSION", "PARAMETERS", "DESCRIPTION / PROBLEM");
        for (DriverDTO d : rows) {
            String parameters = d.parameters == null ? null
                    : d.parameters.stream().map(p -> p.name + (p.required ? "*" : "")).collect(Collectors.joining(","));
            table.row(d.driver, d.bundle, d.version, parameters, d.problem != null ? d.file + ": " + d.problem : d.description);
        }
        return table + "(* required parameter; deploy directory: " + deployer.directory() + ")";
    }

    @Descriptor(CommandHelp.INSTALL)
    public String install(CommandSession session, @Descriptor("the bundle jar") String jar) {
        return deployer.install(Output.file(session, jar));
    }

    @Descriptor(CommandHelp.UNINSTALL)
    public String uninstall(@Descriptor("the bundle's symbolic name") String symbolicName) {
        return deployer.uninstall(symbolicName);
    }
}
