package org.pyrolab.command;

import java.util.AbstractList;
import java.util.List;

import org.pyrolab.api.dto.ServiceDTO;
import org.pyrolab.daemon.text.Table;

/**
 * What {@code ps} returns: a list a Gogo script can walk ({@code each (ps) { echo ($it state) }}),
 * printed as the table the command line shows ({@link TableConverter} asks {@link #toString()}).
 * Each row has the fields of {@code ps --json}, in text and numbers only, so a script compares a
 * state with {@code ($it state) equals RUNNING}.
 */
public final class ServiceTable extends AbstractList<ServiceTable.Row> {
    static final String NONE = "No services are configured; add some under `services:` in the configuration (see `pyrolab config show`).";

    private final List<Row> rows;

    ServiceTable(List<ServiceDTO> services) {
        this.rows = services.stream().map(Row::new).toList();
    }

    @Override
    public Row get(int index) {
        return rows.get(index);
    }

    @Override
    public int size() {
        return rows.size();
    }

    /** The table {@code pyrolab ps} prints, or a sentence when there is nothing to list. */
    @Override
    public String toString() {
        return rows.isEmpty() ? NONE : table(rows);
    }

    static String table(List<Row> rows) {
        Table table = new Table("NAME", "KIND", "STATE", "DRIVER", "BUNDLE", "VERSION", "UPTIME", "RESTARTS", "LOCK", "ADDRESS", "REASON");
        for (Row s : rows) {
            String reason = s.reason == null ? null : s.nextRestart == null ? s.reason : s.reason + " (next restart " + s.nextRestart + ")";
            table.row(s.name, s.kind, s.state, s.driver, s.bundle, s.version, s.started == null ? null : Table.duration(s.uptimeSeconds),
                    s.restarts, s.lockHolder, s.address, reason);
        }
        return table.toString();
    }

    /** One service, endpoint or nameserver; public fields, which Gogo reads by name ({@code $it name}). */
    public static final class Row {
        public final String kind;
        public final String name;
        public final String state;
        public final String driver;
        public final String bundle;
        public final String version;
        public final int restarts;
        public final String reason;
        public final String started;
        public final long uptimeSeconds;
        public final String nextRestart;
        public final String lockHolder;
        public final String address;
        public final String description;

        Row(ServiceDTO s) {
            kind = s.kind == null ? null : s.kind.toString();
            name = s.name;
            state = s.state == null ? null : s.state.name();
            driver = s.driver;
            bundle = s.bundle;
            version = s.version;
            restarts = s.restarts;
            reason = s.reason;
            started = s.started;
            uptimeSeconds = s.uptimeSeconds;
            nextRestart = s.nextRestart;
            lockHolder = s.lockHolder;
            address = s.address;
            description = s.description;
        }

        /** The name, so that {@code echo $it} and string concatenation name the service. */
        @Override
        public String toString() {
            return name;
        }
    }
}
