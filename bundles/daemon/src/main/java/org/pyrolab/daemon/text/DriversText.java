package org.pyrolab.daemon.text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.pyrolab.api.dto.DriverDTO;

/**
 * What {@code drivers} prints, with a daemon or without: the drivers by id, then the files that
 * do not run by file name. Sorted here, so the order never depends on the order bundles started in.
 */
public final class DriversText {
    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<DriverDTO> ORDER = Comparator.comparing((DriverDTO d) -> d.problem != null)
            .thenComparing(d -> d.driver, NULLS_FIRST).thenComparing(d -> d.file, NULLS_FIRST).thenComparing(d -> d.problem, NULLS_FIRST);

    private DriversText() {
    }

    public static String render(List<DriverDTO> rows, Path deployDirectory, boolean json) {
        List<DriverDTO> sorted = new ArrayList<>(rows);
        sorted.sort(ORDER);
        if (json) {
            return Json.of(sorted);
        }
        Table table = new Table("DRIVER", "BUNDLE", "VERSION", "PARAMETERS", "DESCRIPTION / PROBLEM");
        for (DriverDTO d : sorted) {
            String parameters = d.parameters == null ? null
                    : d.parameters.stream().map(p -> p.name + (p.required ? "*" : "")).collect(Collectors.joining(","));
            table.row(d.driver, d.bundle, d.version, parameters, d.problem != null ? d.file + ": " + d.problem : d.description);
        }
        return table + "(* required parameter; deploy directory: " + deployDirectory + ")";
    }
}
