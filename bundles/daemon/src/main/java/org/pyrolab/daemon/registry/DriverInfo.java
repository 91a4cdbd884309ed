package org.pyrolab.daemon.registry;

import java.util.ArrayList;
import java.util.Arrays;

import org.osgi.framework.Bundle;
import org.pyrolab.api.dto.DriverDTO;
import org.pyrolab.api.dto.ParameterDTO;
import org.pyrolab.daemon.config.ParameterSpec;

/** A driver as {@code pyrolab drivers} shows it. */
final class DriverInfo {
    private DriverInfo() {
    }

    static DriverDTO dto(DriverEntry e) {
        DriverDTO dto = new DriverDTO();
        dto.driver = e.id();
        dto.description = e.description();
        dto.bundle = e.bundleName();
        dto.version = e.bundleVersion();
        dto.file = e.bundle().getLocation();
        dto.parameters = new ArrayList<>();
        for (ParameterSpec p : e.parameters()) {
            ParameterDTO param = new ParameterDTO();
            param.name = p.name();
            param.type = p.typeName();
            param.required = p.required();
            Object d = p.defaultValue();
            param.defaultValue = d == null ? null : d instanceof String[] ? Arrays.toString((String[]) d) : d.toString();
            dto.parameters.add(param);
        }
        return dto;
    }

    /** A bundle whose driver does not run, and why. */
    static DriverDTO problem(Bundle bundle, String problem) {
        DriverDTO dto = new DriverDTO();
        dto.bundle = bundle.getSymbolicName();
        dto.version = bundle.getVersion().toString();
        String location = bundle.getLocation();
        dto.file = location.substring(location.lastIndexOf('/') + 1);
        dto.problem = problem;
        return dto;
    }
}
