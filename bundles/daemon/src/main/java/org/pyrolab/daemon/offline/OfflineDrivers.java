package org.pyrolab.daemon.offline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.pyrolab.api.dto.DriverDTO;
import org.pyrolab.daemon.deploy.DeployListing;
import org.pyrolab.daemon.text.DriversText;

/**
 * {@code drivers [--json]} with no daemon: the drivers the jars offer ({@link Home#drivers()}),
 * then the deploy directory's files that would not run, judged as the daemon judges them.
 */
final class OfflineDrivers {
    private final Home home;

    OfflineDrivers(Home home) {
        this.home = home;
    }

    String run(List<String> args) throws IOException {
        GogoArguments line = new GogoArguments("drivers", "(boolean)", args);
        boolean json = line.flag("--json");
        if (!line.positional().isEmpty()) {
            throw line.cannotCoerce();
        }
        List<DriverDTO> rows = new ArrayList<>(home.drivers().rows());
        rows.addAll(DeployListing.problems(home.driverFolder(), System.currentTimeMillis()));
        return DriversText.render(rows, home.folder.deploy(), json);
    }
}
