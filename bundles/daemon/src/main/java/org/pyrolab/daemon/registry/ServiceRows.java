package org.pyrolab.daemon.registry;

import java.time.Duration;
import java.time.Instant;

import org.pyrolab.api.dto.ServiceDTO;
import org.pyrolab.api.dto.ServiceKind;
import org.pyrolab.api.dto.ServiceState;

/** A service as {@code ps} shows it. */
final class ServiceRows {
    private ServiceRows() {
    }

    static ServiceDTO of(ServiceRecord r, DriverCatalog catalog) {
        ServiceDTO dto = new ServiceDTO();
        dto.kind = ServiceKind.SERVICE;
        dto.name = r.name();
        dto.state = r.state();
        dto.driver = r.spec().driver();
        // the driver this instance runs on, or else the one that would run it now
        boolean active = r.state() == ServiceState.RUNNING || r.state() == ServiceState.STARTING || r.state() == ServiceState.STOPPING;
        DriverEntry driver = active && r.driver() != null ? r.driver() : catalog.find(r.spec().driver()).orElse(null);
        if (driver != null) {
            dto.bundle = driver.bundleName();
            dto.version = driver.bundleVersion();
        }
        dto.restarts = r.restarts();
        dto.reason = r.reason();
        dto.description = r.spec().description();
        if (r.started() != null) {
            dto.started = r.started().toString();
            dto.uptimeSeconds = Duration.between(r.started(), Instant.now()).getSeconds();
        }
        dto.nextRestart = r.nextRestart() == null ? null : r.nextRestart().toString();
        return dto;
    }
}
