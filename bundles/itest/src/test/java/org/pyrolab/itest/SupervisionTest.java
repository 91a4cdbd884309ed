package org.pyrolab.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectBundleInstaller;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.install.BundleInstaller;
import org.pyrolab.api.dto.ServiceDTO;
import org.pyrolab.api.dto.ServiceState;
import org.pyrolab.api.lab.Configuration;
import org.pyrolab.api.lab.ServiceChange;
import org.pyrolab.api.lab.Services;
import org.pyrolab.itest.support.Await;
import org.pyrolab.itest.support.Drivers;
import org.pyrolab.itest.support.Instances;
import org.pyrolab.itest.support.Lab;

/**
 * The registry's supervision of drivers that fail on purpose (bundles/itest-drivers), driven
 * through {@link Services} and {@link Configuration} as the CLI drives them: throwing and
 * hanging in connect or close, losing the instrument later, restart policies and back-off,
 * starting what runs, and reload. Every test configures its own services and ends with none.
 */
class SupervisionTest {
    @InjectBundleContext
    BundleContext context;

    @InjectBundleInstaller
    BundleInstaller installer;

    @InjectService(timeout = Await.TIMEOUT_MS)
    Services services;

    @InjectService(timeout = Await.TIMEOUT_MS)
    Configuration configuration;

    Drivers drivers;
    Lab lab;
    Instances instances;

    @BeforeEach
    void setUp() {
        drivers = new Drivers(context, installer);
        lab = new Lab(context, configuration, services);
        instances = new Instances(context);
        drivers.install(Drivers.TEST_JAR);
        // configured after the catalog knows the drivers, so their parameters are checked as a user's would be
        Await.until("the test drivers in the catalog", () -> Optional.of(services.drivers().stream().map(d -> d.driver)
                .filter(Drivers.TEST_IDS::contains).count()).filter(n -> n == Drivers.TEST_IDS.size()));
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            lab.clear();
        } finally {
            instances.close();
            drivers.uninstallInstalled();
        }
    }

    @Test
    void throwingConnectFailsWithItsMessageAndTheOthersRun() {
        lab.apply("""
                version: "1.0"
                services:
                  it.ok:
                    driver: test.ok
                  it.throws:
                    driver: test.throws
                    restart: never
                  it.ok2:
                    driver: test.ok
                autolaunch:
                  services: [it.ok, it.throws, it.ok2]
                """);

        Map<String, ServiceDTO> rows = byName(services.list());
        assertThat(rows.get("it.throws").state).isEqualTo(ServiceState.FAILED);
        assertThat(rows.get("it.throws").reason).isEqualTo("no instrument on COM7");
        assertThat(rows.get("it.ok").state).isEqualTo(ServiceState.RUNNING);
        assertThat(rows.get("it.ok2").state).as("started after the one that failed").isEqualTo(ServiceState.RUNNING);
        assertThat(services.autolaunchFailures(Duration.ofSeconds(1))).extracting(s -> s.name).containsExactly("it.throws");

        assertThatThrownBy(() -> services.start("it.throws")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no instrument on COM7");
        assertThat(lab.get("it.throws").restarts).isZero();
        assertThat(lab.get("it.ok").state).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void hangingConnectFailsAfterItsTimeoutWithoutBlockingTheRegistry() throws Exception {
        lab.apply("""
                version: "1.0"
                services:
                  it.ok:
                    driver: test.ok
                  it.hang:
                    driver: test.hangs
                    timeout: 0.5
                    restart: never
                autolaunch:
                  services: [it.ok]
                """);
        lab.awaitState("it.ok", ServiceState.RUNNING);

        long begun = System.nanoTime();
        CompletableFuture<ServiceChange> start = CompletableFuture.supplyAsync(() -> services.start("it.hang"));
        instances.await("it.hang", 1); // the instance exists: connect is being called

        // list() answers while connect hangs: it sees the attempt still STARTING, not its outcome
        Map<String, ServiceDTO> during = byName(services.list());
        assertThat(during.get("it.hang").state).isEqualTo(ServiceState.STARTING);
        assertThat(during.get("it.ok").state).isEqualTo(ServiceState.RUNNING);
        assertThat(services.call("it.ok", "instances", List.of())).as("another service answers meanwhile").isEqualTo(1);
        assertThat(start).as("start waits for the outcome").isNotDone();

        assertThatThrownBy(() -> start.get(Await.TIMEOUT_MS, TimeUnit.MILLISECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("connect did not finish within 0.5 s");
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun);
        assertThat(tookMs).as("start gave up after the timeout, not long after").isBetween(500L, 5_000L);
        ServiceDTO hang = lab.get("it.hang");
        assertThat(hang.state).isEqualTo(ServiceState.FAILED);
        assertThat(hang.reason).isEqualTo("connect did not finish within 0.5 s");
        assertThat(hang.nextRestart).as("restart: never").isNull();
        assertThat(lab.get("it.ok").state).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void hangingCloseFailsTheStopWithinItsTimeout() {
        lab.apply("""
                version: "1.0"
                services:
                  it.ok:
                    driver: test.ok
                  it.closehang:
                    driver: test.hangsonclose
                    timeout: 0.5
                autolaunch:
                  services: [it.ok, it.closehang]
                """);
        lab.awaitState("it.closehang", ServiceState.RUNNING);

        long begun = System.nanoTime();
        assertThatThrownBy(() -> services.stop("it.closehang")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("close did not finish within 0.5 s");
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun);

        // close is bounded by 0.5 s and the dispose after it by another 0.5 s: well under 3 s however busy the machine
        assertThat(tookMs).isBetween(500L, 3_000L);
        ServiceDTO failed = lab.get("it.closehang");
        assertThat(failed.state).isEqualTo(ServiceState.FAILED);
        assertThat(failed.reason).contains("close did not finish within 0.5 s");
        assertThat(failed.nextRestart).as("a stop asked for is not restarted").isNull();
        assertThat(lab.get("it.ok").state).isEqualTo(ServiceState.RUNNING);
    }

    /**
     * Back-off 1 s, then 2 s, then given up after max_restarts: about 3.5 s in all.
     */
    @Test
    void lostInstrumentIsRestartedWithBackOffUntilItGivesUp() {
        long begun = System.nanoTime();
        lab.apply("""
                version: "1.0"
                services:
                  it.dies:
                    driver: test.dieslater
                    restart: on-failure
                    max_restarts: 2
                autolaunch:
                  services: [it.dies]
                """);

        ServiceDTO first = lab.await("it.dies", "failed, first restart due", s -> s.state == ServiceState.FAILED && s.nextRestart != null);
        assertThat(first.restarts).isZero();
        assertThat(first.reason).isEqualTo("lost");
        ServiceDTO second = lab.await("it.dies", "failed again, second restart due",
                s -> s.state == ServiceState.FAILED && s.restarts == 1 && s.nextRestart != null);
        assertThat(Duration.between(Instant.parse(first.nextRestart), Instant.parse(second.nextRestart)))
                .as("the back-off doubled: 1 s, then 2 s").isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        ServiceDTO gaveUp = lab.await("it.dies", "given up", s -> s.state == ServiceState.FAILED && s.reason.contains("gave up"));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun);

        assertThat(gaveUp.restarts).isEqualTo(2);
        assertThat(gaveUp.nextRestart).isNull();
        assertThat(gaveUp.reason).startsWith("lost").contains("gave up after 2 restarts");
        assertThat(instances.count("it.dies")).as("first start and two restarts").isEqualTo(3);
        assertThat(tookMs).as("back-off 1 s + 2 s, bounded").isBetween(3_000L, 9_000L);
    }

    /**
     * {@code restart: never} stays FAILED. "Stays" is watched without a fixed wait: the
     * on-failure service beside it fails at the same moment, and once that one has been
     * restarted the first back-off (1 s) has passed for both.
     */
    @Test
    void lostInstrumentWithRestartNeverStaysFailed() {
        lab.apply("""
                version: "1.0"
                services:
                  it.never:
                    driver: test.dieslater
                    restart: never
                  it.witness:
                    driver: test.dieslater
                    restart: on-failure
                autolaunch:
                  services: [it.never, it.witness]
                """);

        ServiceDTO failed = lab.await("it.never", "failed", s -> s.state == ServiceState.FAILED);
        assertThat(failed.reason).isEqualTo("lost");
        assertThat(failed.nextRestart).isNull();
        lab.await("it.witness", "restarted once", s -> s.restarts >= 1);

        ServiceDTO never = lab.get("it.never");
        assertThat(never.state).isEqualTo(ServiceState.FAILED);
        assertThat(never.reason).isEqualTo("lost");
        assertThat(never.restarts).isZero();
        assertThat(never.nextRestart).isNull();
        assertThat(instances.count("it.never")).isEqualTo(1);
    }

    @Test
    void aLossReportedFromInsideConnectCountsOnceTheStartIsDone() {
        lab.apply("""
                version: "1.0"
                services:
                  it.early:
                    driver: test.dieslater
                    parameters: {during_connect: true, reason: "lost while connecting"}
                    restart: never
                autolaunch:
                  services: [it.early]
                """);

        ServiceDTO failed = lab.await("it.early", "failed", s -> s.state == ServiceState.FAILED);
        assertThat(failed.reason).isEqualTo("lost while connecting");
        assertThat(failed.nextRestart).isNull();
    }

    @Test
    void startingARunningServiceSaysSoAndMakesNoSecondInstance() throws Exception {
        lab.apply("""
                version: "1.0"
                services:
                  it.ok:
                    driver: test.ok
                autolaunch:
                  services: [it.ok]
                """);
        ServiceDTO running = lab.awaitState("it.ok", ServiceState.RUNNING);

        ServiceChange answer = services.start("it.ok");

        assertThat(answer.change()).isEqualTo(ServiceChange.Change.ALREADY_RUNNING);
        assertThat(answer.since()).hasToString(running.started);
        assertThat(services.call("it.ok", "instances", List.of())).as("instances the driver counted").isEqualTo(1);
        assertThat(instances.count("it.ok")).as("instances SCR registered").isEqualTo(1);
        ServiceDTO after = lab.get("it.ok");
        assertThat(after.state).isEqualTo(ServiceState.RUNNING);
        assertThat(after.started).isEqualTo(running.started);
    }

    @Test
    void reloadRestartsChangedServicesAndLeavesTheRestAlone() throws Exception {
        String config = """
                version: "1.0"
                services:
                  it.same:
                    driver: test.ok
                    parameters: {label: one}
                  it.changed:
                    driver: test.ok
                    parameters: {label: %s}
                autolaunch:
                  services: [it.same, it.changed]
                """;
        lab.apply(config.formatted("one"));
        ServiceDTO same = lab.awaitState("it.same", ServiceState.RUNNING);
        ServiceDTO changed = lab.awaitState("it.changed", ServiceState.RUNNING);

        String summary = lab.apply(config.formatted("two"));

        assertThat(summary).contains("0 new, 0 gone, 1 changed, 1 unchanged");
        ServiceDTO sameAfter = lab.get("it.same");
        assertThat(sameAfter.state).isEqualTo(ServiceState.RUNNING);
        assertThat(sameAfter.started).as("untouched").isEqualTo(same.started);
        assertThat(instances.count("it.same")).isEqualTo(1);
        ServiceDTO changedAfter = lab.awaitState("it.changed", ServiceState.RUNNING);
        assertThat(Instant.parse(changedAfter.started)).isAfter(Instant.parse(changed.started));
        assertThat(instances.count("it.changed")).isEqualTo(2);
        assertThat(services.call("it.changed", "label", List.of())).as("runs with the new parameters").isEqualTo("two");
        assertThat(List.of(sameAfter.restarts, changedAfter.restarts)).containsOnly(0);
    }

    private static Map<String, ServiceDTO> byName(List<ServiceDTO> rows) {
        return rows.stream().collect(Collectors.toMap(s -> s.name, Function.identity()));
    }
}
