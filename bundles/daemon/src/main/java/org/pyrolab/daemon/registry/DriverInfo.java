package org.pyrolab.daemon.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.osgi.framework.Bundle;
import org.pyrolab.api.Driver;
import org.pyrolab.api.dto.DriverDTO;
import org.pyrolab.api.dto.ParameterDTO;
import org.pyrolab.daemon.config.ParameterSpec;

/** A driver as {@code pyrolab drivers} shows it. */
final class DriverInfo {
    private DriverInfo() {
    }

    static DriverDTO dto(DriverEntry e) {
        return dto(e.id(), e.description(), e.bundleName(), e.bundleVersion(), e.bundle().getLocation(), e.parameters());
    }

    /** A driver's row, also for one read from its jar with no daemon ({@link DriverJars}). */
    static DriverDTO dto(String id, String description, String bundle, String version, String location, List<ParameterSpec> parameters) {
        DriverDTO dto = new DriverDTO();
        dto.driver = id;
        dto.description = description;
        dto.bundle = bundle;
        dto.version = version;
        dto.file = location;
        dto.parameters = new ArrayList<>();
        for (ParameterSpec p : parameters) {
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
        return problem(bundle.getSymbolicName(), bundle.getVersion().toString(), bundle.getLocation(), problem);
    }

    static DriverDTO problem(String bundle, String version, String location, String problem) {
        DriverDTO dto = new DriverDTO();
        dto.bundle = bundle;
        dto.version = version;
        dto.file = location.substring(location.lastIndexOf('/') + 1);
        dto.problem = problem;
        return dto;
    }

    /** The problems of driver components, in the daemon's words and in {@link DriverJars}'. */
    static String noId(String component) {
        return "component " + component + " declares no " + Driver.ID;
    }

    static String taken(Object id, String bundle, String version) {
        return "driver id `" + id + "` is already provided by " + bundle + " " + version + "; this one is ignored";
    }

    static String unloadable(Object id, Throwable e) {
        return "driver `" + id + "`: its parameters annotation cannot be loaded: " + e;
    }
}
