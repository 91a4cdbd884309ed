package org.pyrolab.daemon.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import org.pyrolab.daemon.config.LabConfig;
import org.pyrolab.daemon.config.LabConfig.Autolaunch;
import org.pyrolab.daemon.config.LabConfig.Restart;
import org.pyrolab.daemon.config.LabConfig.ServiceSpec;

/** Test support: drives {@link Transitions} with a hand-set clock and installed drivers, no threads. */
final class Machine {
    static final DriverEntry SIM = driver("sim.laser", 7);
    static final Lifecycle.Running INSTANCE = new Lifecycle.Running(null, null);

    SupervisorState state = SupervisorState.EMPTY;
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    final Map<String, DriverEntry> installed = new LinkedHashMap<>(Map.of(SIM.id(), SIM));
    List<Action> actions = List.of();
    Answer answer;

    static ServiceSpec spec(String name, Restart restart, int maxRestarts) {
        return new ServiceSpec(name, SIM.id(), Map.of(), "", null, List.of(), "single", restart, maxRestarts, 0.5, 0, 0, 0);
    }

    static ServiceSpec pinged(String name, double seconds) {
        return new ServiceSpec(name, SIM.id(), Map.of(), "", null, List.of(), "single", Restart.ON_FAILURE, 3, 0.5, seconds, 0, 0);
    }

    static LabConfig config(ServiceSpec... specs) {
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        for (ServiceSpec s : specs) {
            services.put(s.name(), s);
        }
        return new LabConfig(null, "", Map.of(), Map.of(), services, new Autolaunch(List.of(), List.of(), List.copyOf(services.keySet())),
                LabConfig.WebSpec.OFF);
    }

    static DriverEntry driver(String id, long serviceId) {
        Bundle bundle = (Bundle) Proxy.newProxyInstance(Machine.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getSymbolicName" -> "org.pyrolab.driver.sim";
                    case "getVersion" -> new Version(1, 0, 0);
                    default -> null;
                });
        return new DriverEntry(id, "", bundle, null, List.of(), serviceId);
    }

    Machine with(ServiceSpec... specs) {
        return fire(new Event.Replace(config(specs)));
    }

    Machine fire(Event event) {
        Transitions.Step step = Transitions.step(state, event, now, id -> Optional.ofNullable(installed.get(id)));
        state = step.state();
        actions = step.actions();
        answer = step.answer();
        return this;
    }

    Machine later(Duration d) {
        now = now.plus(d);
        return this;
    }

    ServiceRecord get(String name) {
        return state.records().get(name);
    }

    long generation(String name) {
        return get(name).generation();
    }

    /** Starts {@code name} by hand and lets its connect succeed. */
    Machine running(String name) {
        fire(new Event.Start(name, true));
        return fire(new Event.Opened(name, generation(name), INSTANCE));
    }

    /** The actions of the last step, by kind. */
    <T extends Action> List<T> actions(Class<T> kind) {
        List<T> found = new ArrayList<>();
        actions.stream().filter(kind::isInstance).map(kind::cast).forEach(found::add);
        return found;
    }

    Outcome reply() {
        List<Action.Reply> replies = actions(Action.Reply.class);
        assertThat(replies).hasSize(1);
        return replies.get(0).outcome();
    }
}
