package org.pyrolab.command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pyrolab.api.dto.DriverDTO;
import org.pyrolab.api.dto.ServiceDTO;
import org.pyrolab.api.dto.ServiceKind;
import org.pyrolab.api.dto.ServiceState;
import org.pyrolab.api.lab.ServiceChange;
import org.pyrolab.api.lab.Services;

/**
 * A registry with a running echo and a failed laser, for the commands' unit tests (the real
 * registry is tested in the daemon and end to end). States can be changed by the test.
 */
final class TwoServices implements Services {
    final List<String> started = new ArrayList<>();
    final Map<String, ServiceDTO> rows = new LinkedHashMap<>();

    TwoServices() {
        rows.put("lab.echo", row("lab.echo", "sample.echo", ServiceState.RUNNING, 0, null));
        rows.put("lab.laser", row("lab.laser", "sim.laser", ServiceState.FAILED, 2, "no laser on COM7"));
    }

    private static ServiceDTO row(String name, String driver, ServiceState state, int restarts, String reason) {
        ServiceDTO dto = new ServiceDTO();
        dto.kind = ServiceKind.SERVICE;
        dto.name = name;
        dto.driver = driver;
        dto.state = state;
        dto.restarts = restarts;
        dto.reason = reason;
        dto.bundle = "org.pyrolab.driver.sample";
        dto.version = "1.0.0";
        return dto;
    }

    @Override
    public synchronized List<ServiceDTO> list() {
        return List.copyOf(rows.values());
    }

    @Override
    public synchronized ServiceDTO get(String name) {
        ServiceDTO dto = rows.get(name);
        if (dto == null) {
            throw new IllegalArgumentException("there is no service `" + name + "`");
        }
        return dto;
    }

    synchronized void set(String name, ServiceState state, String nextRestart) {
        rows.get(name).state = state;
        rows.get(name).nextRestart = nextRestart;
    }

    @Override
    public ServiceChange start(String name) {
        get(name);
        started.add(name);
        return new ServiceChange(ServiceKind.SERVICE, name, ServiceChange.Change.STARTED, get(name).driver, null, null);
    }

    @Override
    public ServiceChange stop(String name) {
        return new ServiceChange(ServiceKind.SERVICE, name, ServiceChange.Change.STOPPED, null, null, null);
    }

    @Override
    public ServiceChange restart(String name) {
        return start(name);
    }

    @Override
    public List<DriverDTO> drivers() {
        return List.of();
    }

    @Override
    public List<ServiceDTO> autolaunchFailures(Duration limit) {
        return List.of();
    }

    @Override
    public Object call(String name, String method, List<Object> args) {
        List<Object> echo = new ArrayList<>();
        echo.add(method);
        echo.addAll(args);
        return echo;
    }
}
