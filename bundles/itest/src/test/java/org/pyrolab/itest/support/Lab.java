package org.pyrolab.itest.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.osgi.framework.BundleContext;
import org.pyrolab.api.dto.ProblemDTO;
import org.pyrolab.api.dto.ServiceDTO;
import org.pyrolab.api.dto.ServiceState;
import org.pyrolab.api.lab.Configuration;
import org.pyrolab.api.lab.Services;

/**
 * The running daemon's configuration and services, driven as {@code pyrolab config update} and
 * {@code pyrolab reload} do. Configuration files are written under {@value #WORK_FOLDER} (target/),
 * and {@code update} installs them as the user configuration in {@code pyrolab.data}, also under
 * target/: never the real home.
 */
public final class Lab {
    /** Framework property (test.bndrun): a folder under target/ for files the tests write. */
    public static final String WORK_FOLDER = "pyrolab.itest.work";
    /** A configuration without services: what every registry test leaves behind. */
    public static final String EMPTY = "version: \"1.0\"\n";
    private static final AtomicInteger FILES = new AtomicInteger();

    private final Path work;
    private final Configuration configuration;
    private final Services services;

    public Lab(BundleContext context, Configuration configuration, Services services) {
        this.work = work(context);
        this.configuration = configuration;
        this.services = services;
    }

    /** The work folder, created if needed. */
    public static Path work(BundleContext context) {
        String folder = context.getProperty(WORK_FOLDER);
        if (folder == null) {
            throw new IllegalStateException("framework property " + WORK_FOLDER + " is not set (test.bndrun)");
        }
        try {
            return Files.createDirectories(Paths.get(folder));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes {@code yaml} to a new file, installs it with {@code update} (failing on any error it
     * reports) and applies it with {@code reload}; returns reload's summary.
     */
    public String apply(String yaml) {
        Path file = work.resolve("config-" + FILES.incrementAndGet() + ".yaml");
        try {
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<ProblemDTO> problems = configuration.update(file);
        assertThat(problems).as("errors in\n" + yaml).noneMatch(p -> p.error);
        return configuration.reload();
    }

    /** Back to no services: stops whatever the test configured. */
    public void clear() {
        apply(EMPTY);
    }

    public ServiceDTO get(String name) {
        return services.get(name);
    }

    /** The service once it matches {@code condition}, failing with its last state when it does not in time. */
    public ServiceDTO await(String name, String what, Predicate<ServiceDTO> condition) {
        ServiceDTO[] last = new ServiceDTO[1];
        try {
            return Await.until(name + " " + what, () -> {
                last[0] = services.get(name);
                return Optional.of(last[0]).filter(condition);
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last seen: " + describe(last[0]), e);
        }
    }

    /** The service once it is in {@code state}. */
    public ServiceDTO awaitState(String name, ServiceState state) {
        return await(name, "is " + state, s -> s.state == state);
    }

    /** One line for failure messages. */
    public static String describe(ServiceDTO s) {
        return s == null ? "nothing" : s.name + " " + s.state + " restarts=" + s.restarts + " reason=" + s.reason + " started=" + s.started
                + " nextRestart=" + s.nextRestart + " bundle=" + s.bundle;
    }
}
