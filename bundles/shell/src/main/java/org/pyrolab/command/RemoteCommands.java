package org.pyrolab.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pyrolab.api.dto.ServiceKind;
import org.pyrolab.api.dto.ServiceState;
import org.pyrolab.api.lab.LockChange;
import org.pyrolab.api.lab.NameServerEntry;
import org.pyrolab.api.lab.RemoteAccess;
import org.pyrolab.control.CommandFailure;
import org.pyrolab.control.CommandHelp;

/** {@code nslist}, {@code lock}, {@code unlock}: name servers and instrument locks. */
@Component(service = RemoteCommands.class)
@GogoCommand(scope = "pyrolab", function = {"nslist", "lock", "unlock"})
public class RemoteCommands {

    static final String DEFAULT_HOST = "localhost";
    static final int DEFAULT_PORT = 9090;

    // optional: the daemon runs without the remote bundle, and these commands then say so
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile RemoteAccess remote;

    @Descriptor(CommandHelp.NSLIST)
    public String nslist(
            @Descriptor("its host (default: this daemon's first running nameserver, else localhost)") @Parameter(names = "--host", absentValue = "") String host,
            @Descriptor("its port (default 9090)") @Parameter(names = "--port", absentValue = "0") int port,
            @Descriptor("print a JSON array of {name, uri, metadata}") @Parameter(names = "--json", presentValue = "true", absentValue = "false") boolean json) {
        RemoteAccess access = access();
        String h = host;
        int p = port;
        if (h.isEmpty() && p == 0) {
            String address = access.entries().stream().filter(e -> e.kind == ServiceKind.NAMESERVER && e.state == ServiceState.RUNNING)
                    .map(e -> e.address).findFirst().orElse(null);
            if (address != null && address.contains("@")) {
                String location = address.substring(address.indexOf('@') + 1);
                h = location.substring(0, location.lastIndexOf(':'));
                p = Integer.parseInt(location.substring(location.lastIndexOf(':') + 1));
            }
        }
        String finalHost = h.isEmpty() ? DEFAULT_HOST : h;
        int finalPort = p == 0 ? DEFAULT_PORT : p;
        List<NameServerEntry> entries = call(() -> {
            try {
                return access.nslist(finalHost, finalPort);
            } catch (IOException e) {
                throw new CommandFailure(e.getMessage() + "; is a nameserver running there? (`pyrolab ps` shows this daemon's)");
            }
        });
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (NameServerEntry e : entries) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", e.name());
                row.put("uri", e.uri());
                row.put("metadata", e.metadata());
                rows.add(row);
            }
            return Output.json(rows);
        }
        if (entries.isEmpty()) {
            return "The nameserver at " + finalHost + ":" + finalPort + " holds no names.";
        }
        List<String> lines = new ArrayList<>();
        for (NameServerEntry e : entries) {
            lines.add(e.name() + " --> " + e.uri());
            if (!e.metadata().isEmpty()) {
                lines.add("    metadata: " + String.join(", ", e.metadata()));
            }
        }
        return String.join("\n", lines);
    }

    @Descriptor(CommandHelp.LOCK)
    public String lock(@Descriptor("service name") String name) {
        RemoteAccess access = access();
        String user = user();
        LockChange change = call(() -> access.lock(name, user));
        return switch (change.outcome()) {
            case LOCKED -> "Locked " + name + " for " + user + "; it stays locked until `pyrolab unlock " + name + "`.";
            case HELD -> throw new CommandFailure(name + " is locked by " + change.holder().describe()
                    + "; wait until they unlock it, or break the lock with `pyrolab unlock " + name + " --force`.");
            default -> throw new IllegalStateException("lock answered " + change.outcome());
        };
    }

    @Descriptor(CommandHelp.UNLOCK)
    public String unlock(
            @Descriptor("break the lock whoever holds it") @Parameter(names = "--force", presentValue = "true", absentValue = "false") boolean force,
            @Descriptor("service name") String name) {
        RemoteAccess access = access();
        LockChange change = call(() -> access.unlock(name, user(), force));
        return switch (change.outcome()) {
            case UNLOCKED -> "Unlocked " + name + ".";
            case BROKEN -> "Unlocked " + name + " (it was held by " + change.holder().describe() + ").";
            case NOT_LOCKED -> name + " was not locked.";
            case HELD -> throw new CommandFailure(name + " is locked by " + change.holder().describe()
                    + ", not by you from the command line; break the lock with `pyrolab unlock " + name + " --force`.");
            default -> throw new IllegalStateException("unlock answered " + change.outcome());
        };
    }

    private RemoteAccess access() {
        RemoteAccess access = remote;
        if (access == null) {
            throw new CommandFailure("Remote access is not installed in this daemon (bundle org.pyrolab.remote); reinstall PyroLab or check `pyrolab logs`.");
        }
        return access;
    }

    /** The daemon runs as the user who types the commands. */
    private static String user() {
        return System.getProperty("user.name", "pyrolab");
    }

    private static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (CommandFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CommandFailure(e.getMessage());
        }
    }
}
