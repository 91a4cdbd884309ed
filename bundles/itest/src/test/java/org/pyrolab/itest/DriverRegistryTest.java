package org.pyrolab.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectBundleInstaller;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.install.BundleInstaller;
import org.pyrolab.api.dto.DriverDTO;
import org.pyrolab.api.dto.ServiceDTO;
import org.pyrolab.api.dto.ServiceState;
import org.pyrolab.api.lab.Configuration;
import org.pyrolab.api.lab.Deployer;
import org.pyrolab.api.lab.Services;
import org.pyrolab.itest.support.Await;
import org.pyrolab.itest.support.DaemonLog;
import org.pyrolab.itest.support.Drivers;
import org.pyrolab.itest.support.Instances;
import org.pyrolab.itest.support.Lab;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/**
 * The registry's reactions to driver bundles installed, updated and uninstalled while the daemon
 * runs: the services that use their drivers wait, start, restart on new code, and move to another
 * bundle offering the same driver id. Uses the test drivers' bundle (bundles/itest-drivers), which
 * no other test leaves installed.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DriverRegistryTest {
    /** The test drivers again, as another bundle. */
    private static final String COPY_BSN = Drivers.TEST_BSN + ".copy";
    private static final String CONFIG = """
            version: "1.0"
            services:
              it.ok:
                driver: test.ok
            autolaunch:
              services: [it.ok]
            """;

    @InjectBundleContext
    BundleContext context;

    @InjectBundleInstaller
    BundleInstaller installer;

    @InjectService(timeout = Await.TIMEOUT_MS)
    Services services;

    @InjectService(timeout = Await.TIMEOUT_MS)
    Configuration configuration;

    @InjectService(timeout = Await.TIMEOUT_MS)
    Deployer deployer;

    Drivers drivers;
    Lab lab;
    Instances instances;
    DaemonLog catalogLog;
    final List<Path> deployed = new ArrayList<>();

    @BeforeEach
    void setUp() {
        assertThat(context.getBundles()).as("the test drivers are not installed yet")
                .noneMatch(b -> Drivers.TEST_BSN.equals(b.getSymbolicName()));
        drivers = new Drivers(context, installer);
        lab = new Lab(context, configuration, services);
        instances = new Instances(context);
        catalogLog = new DaemonLog("org.pyrolab.daemon.drivers");
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            lab.clear();
        } finally {
            instances.close();
            catalogLog.close();
            drivers.uninstallInstalled();
            for (Path file : deployed) {
                Files.deleteIfExists(file);
            }
            Await.until("deploy-directory copies uninstalled", () -> Optional.of(true)
                    .filter(x -> List.of(context.getBundles()).stream().map(Bundle::getSymbolicName)
                            .noneMatch(n -> Drivers.TEST_BSN.equals(n) || COPY_BSN.equals(n))));
        }
    }

    @Test
    void serviceWaitsForItsDriverRunsWhenInstalledAndWaitsAgainWhenUninstalled() throws Exception {
        lab.apply(CONFIG);
        ServiceDTO waiting = lab.get("it.ok");
        assertThat(waiting.state).isEqualTo(ServiceState.WAITING);
        assertThat(waiting.reason).contains("test.ok").contains("not installed");

        Bundle bundle = drivers.install(Drivers.TEST_JAR);

        ServiceDTO running = lab.awaitState("it.ok", ServiceState.RUNNING);
        assertThat(running.bundle).isEqualTo(Drivers.TEST_BSN);
        assertThat(running.version).isEqualTo(bundle.getVersion().toString());
        assertThat(running.reason).isNull();
        assertThat(instances.await("it.ok", 1).bundleId()).isEqualTo(bundle.getBundleId());

        bundle.uninstall();

        ServiceDTO gone = lab.awaitState("it.ok", ServiceState.WAITING);
        assertThat(gone.reason).contains("test.ok").contains("removed");
        assertThat(gone.started).isNull();
        assertThat(services.drivers()).extracting(d -> d.driver).doesNotContain("test.ok");

        // and back: the same jar installed again
        Bundle again = drivers.install(Drivers.TEST_JAR);
        lab.awaitState("it.ok", ServiceState.RUNNING);
        assertThat(instances.await("it.ok", 2).bundleId()).isEqualTo(again.getBundleId());
    }

    @Test
    void updateRestartsTheServiceOnTheNewCode() throws Exception {
        Bundle bundle = drivers.install(Drivers.TEST_JAR);
        lab.apply(CONFIG);
        ServiceDTO before = lab.awaitState("it.ok", ServiceState.RUNNING);
        Class<?> oldCode = instances.implementation(instances.await("it.ok", 1));

        try (InputStream jar = Files.newInputStream(drivers.jar(Drivers.TEST_JAR))) {
            bundle.update(jar);
        }

        ServiceDTO after = lab.await("it.ok", "running on a new instance",
                s -> s.state == ServiceState.RUNNING && instances.count("it.ok") == 2);
        Instances.Made fresh = instances.await("it.ok", 2);
        assertThat(fresh.bundleId()).isEqualTo(bundle.getBundleId());
        Class<?> newCode = instances.implementation(fresh);
        assertThat(newCode.getName()).isEqualTo(oldCode.getName());
        assertThat(newCode).as("loaded again from the updated bundle").isNotSameAs(oldCode);
        assertThat(services.call("it.ok", "instances", List.of())).as("the new code's own count").isEqualTo(1);
        assertThat(after.started).isNotEqualTo(before.started);
        assertThat(after.restarts).isZero();
    }

    @Test
    void secondBundleOfferingADriverIdIsIgnoredUntilTheFirstLeaves() throws Exception {
        Bundle first = drivers.install(Drivers.TEST_JAR);
        lab.apply(CONFIG);
        lab.awaitState("it.ok", ServiceState.RUNNING);
        Path copy = Lab.work(context).resolve("itest.drivers-copy.jar");
        Files.copy(drivers.jar(Drivers.TEST_JAR), copy, StandardCopyOption.REPLACE_EXISTING);

        Bundle second = drivers.install(copy);

        Await.until("a warning about the second test.ok", () -> catalogLog.messages(Level.WARNING).stream()
                .filter(m -> m.contains("`test.ok`") && m.contains("already provided")).findFirst());
        assertThat(testOk()).as("drivers() lists the first provider only").singleElement()
                .satisfies(d -> assertThat(d.file).isEqualTo(first.getLocation()));
        assertThat(lab.get("it.ok").state).isEqualTo(ServiceState.RUNNING);
        assertThat(instances.count("it.ok")).as("the running service is not disturbed").isEqualTo(1);

        first.uninstall();

        lab.await("it.ok", "running on the second bundle", s -> s.state == ServiceState.RUNNING && instances.count("it.ok") == 2);
        assertThat(instances.await("it.ok", 2).bundleId()).isEqualTo(second.getBundleId());
        assertThat(testOk()).singleElement().satisfies(d -> assertThat(d.file).isEqualTo(second.getLocation()));
    }

    /**
     * Issue 3, item 7: "a driver id that another bundle already provides: a clear message in
     * `drivers` and in the log naming the file". What {@code pyrolab drivers} shows is
     * {@code Services.drivers()} and {@code Deployer.problems()} (shell DriverCommands).
     */
    @Test
    void duplicateDriverIdInTheDeployDirectoryIsReportedInDrivers() throws Exception {
        drivers.install(Drivers.TEST_JAR);
        Path copy = drivers.renamedCopy(Drivers.TEST_JAR, COPY_BSN, Lab.work(context).resolve("itest.drivers-copy.jar"));
        deployed.add(deployer.directory().resolve(copy.getFileName()));

        assertThat(deployer.install(copy)).startsWith("Installed " + COPY_BSN);

        DriverDTO problem = Await.until("a problem row for the copy in `drivers`", () -> {
            List<DriverDTO> rows = new ArrayList<>(services.drivers());
            rows.addAll(deployer.problems());
            return rows.stream().filter(d -> d.problem != null && d.problem.contains("test.ok")).findFirst();
        });
        assertThat(problem.file).contains("itest.drivers-copy.jar");
        assertThat(catalogLog.messages(Level.WARNING)).anyMatch(m -> m.contains("test.ok") && m.contains("itest.drivers-copy.jar"));
    }

    private List<DriverDTO> testOk() {
        return services.drivers().stream().filter(d -> "test.ok".equals(d.driver)).toList();
    }
}
