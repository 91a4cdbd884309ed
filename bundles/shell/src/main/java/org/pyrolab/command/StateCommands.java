package org.pyrolab.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pyrolab.api.dto.ServiceDTO;
import org.pyrolab.api.dto.ServiceState;
import org.pyrolab.api.lab.Services;
import org.pyrolab.control.CommandFailure;
import org.pyrolab.control.CommandHelp;

/** {@code state} and {@code await}: what a script asks before its next step. */
@Component(service = StateCommands.class)
@GogoCommand(scope = "pyrolab", function = {"state", "await"})
public class StateCommands {
    /** How often {@code await} looks again; a state change is seen within this. */
    private static final long POLL_MILLIS = 50;

    @Reference
    Services services;

    @Descriptor(CommandHelp.STATE)
    public String state(@Descriptor("service name") String name) {
        return services.get(name).state.name();
    }

    @Descriptor(CommandHelp.AWAIT)
    public String await(
            @Descriptor("the state to wait for (default RUNNING)") @Parameter(names = "--state", absentValue = "RUNNING") String state,
            @Descriptor("at most this many seconds (default 60)") @Parameter(names = "--timeout", absentValue = "60") String timeout,
            @Descriptor("service names") String... names) throws InterruptedException {
        if (names == null || names.length == 0) {
            throw Output.usage("await NAME... [--state STATE] [--timeout SECONDS]");
        }
        ServiceState wanted = stateNamed(state);
        long deadline = System.nanoTime() + nanos(timeout);
        List<String> waiting = new ArrayList<>(Arrays.asList(names));
        for (String name : waiting) {
            services.get(name); // an unknown name fails now, not after the timeout
        }
        while (true) {
            List<ServiceDTO> behind = new ArrayList<>();
            for (String name : waiting) {
                ServiceDTO s = services.get(name);
                if (s.state != wanted) {
                    behind.add(s);
                    if (gaveUp(s, wanted)) {
                        throw new CommandFailure(s.name + " is FAILED and will not be restarted: " + s.reason);
                    }
                }
            }
            if (behind.isEmpty()) {
                return String.join(", ", names) + (names.length == 1 ? " is " : " are ") + wanted + ".";
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new CommandFailure("not " + wanted + " after " + timeout + " s: " + describe(behind));
            }
            Thread.sleep(POLL_MILLIS); // Ctrl-C in the shell interrupts this
        }
    }

    /** A failed service with no restart due stays failed: waiting longer cannot help. */
    private static boolean gaveUp(ServiceDTO s, ServiceState wanted) {
        return s.state == ServiceState.FAILED && s.nextRestart == null && wanted != ServiceState.FAILED;
    }

    private static String describe(List<ServiceDTO> services) {
        List<String> parts = new ArrayList<>();
        for (ServiceDTO s : services) {
            parts.add(s.name + " is " + s.state + (s.reason == null ? "" : " (" + s.reason + ")"));
        }
        return String.join("; ", parts);
    }

    private static ServiceState stateNamed(String text) {
        try {
            return ServiceState.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage("there is no state `" + text + "`; states: " + Arrays.toString(ServiceState.values()).replaceAll("[\\[\\]]", ""));
        }
    }

    private static long nanos(String seconds) {
        try {
            double value = Double.parseDouble(seconds);
            if (value >= 0 && value <= 86_400) {
                return (long) (value * 1e9);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw CommandFailure.usage("--timeout takes seconds from 0 to 86400, not `" + seconds + "`");
    }
}
