package org.pyrolab.command;

import java.util.ArrayList;
import java.util.List;

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
import org.pyrolab.daemon.text.DriversText;

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
        return DriversText.render(rows, deployer.directory(), json);
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
