package org.pyrolab.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pyrolab.api.dto.DriverDTO;
import org.pyrolab.api.dto.ServiceDTO;
import org.pyrolab.api.dto.ServiceKind;
import org.pyrolab.api.dto.ServiceState;
import org.pyrolab.api.lab.ServiceChange;
import org.pyrolab.api.lab.Services;
import org.pyrolab.control.CommandFailure;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/** The service commands through a real Gogo command processor, as Felix tests its own commands. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServiceCommandsTest {
    private final ThreadIOImpl threadIO = new ThreadIOImpl();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private CommandSession session;
    private final List<String> started = new ArrayList<>();

    @BeforeEach
    void setUp() {
        threadIO.start();
        CommandProcessorImpl processor = new CommandProcessorImpl(threadIO);
        ServiceCommands commands = new ServiceCommands();
        commands.services = new TwoServices();
        for (String function : new String[] {"ps", "start", "stop", "restart", "call"}) {
            processor.addCommand("pyrolab", commands, function);
        }
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        session = processor.createSession(InputStream.nullInputStream(), out, out);
    }

    @AfterEach
    void tearDown() {
        session.close();
        threadIO.stop();
    }

    @Test
    void psShowsOneRowPerServiceWithItsReason() throws Exception {
        String table = (String) session.execute("pyrolab:ps");
        assertThat(table.lines()).hasSize(3);
        assertThat(table.lines().findFirst().orElseThrow()).startsWith("NAME").contains("STATE", "RESTARTS", "LOCK", "REASON");
        assertThat(table).contains("lab.echo", "RUNNING").contains("lab.laser", "FAILED", "no laser on COM7");
    }

    @Test
    void psJsonHasTheDocumentedFields() throws Exception {
        String json = (String) session.execute("pyrolab:ps --json");
        assertThat(json).startsWith("[").contains("\"name\" : \"lab.echo\"", "\"kind\" : \"service\"", "\"state\" : \"RUNNING\"",
                "\"driver\" : \"sample.echo\"", "\"restarts\" : 2", "\"reason\" : \"no laser on COM7\"", "\"bundle\"", "\"version\"");
    }

    @Test
    void startReportsEachNameAndFailsAtTheEndNamingEveryFailure() {
        assertThatThrownBy(() -> session.execute("pyrolab:start lab.echo nosuch lab.laser"))
                .isInstanceOf(CommandFailure.class)
                .hasMessageContaining("there is no service `nosuch`");
        assertThat(started).containsExactly("lab.echo", "lab.laser"); // the failure in the middle stopped nothing
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("Started lab.echo (driver sample.echo).", "Started lab.laser (driver sim.laser).");
    }

    @Test
    void startWithoutNamesIsBadUsage() {
        assertThatThrownBy(() -> session.execute("pyrolab:start"))
                .isInstanceOfSatisfying(CommandFailure.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessage("usage: pyrolab start NAME...");
    }

    @Test
    void callPassesJsonArgumentsAndPrintsJson() throws Exception {
        assertThat(session.execute("pyrolab:call lab.echo add 2 '[1,\"x\"]'")).isEqualTo("[ \"add\", 2, [ 1, \"x\" ] ]");
    }

    /** A registry with a running echo and a failed laser. */
    private final class TwoServices implements Services {
        @Override
        public List<ServiceDTO> list() {
            return List.of(row("lab.echo", "sample.echo", ServiceState.RUNNING, 0, null), row("lab.laser", "sim.laser", ServiceState.FAILED, 2, "no laser on COM7"));
        }

        private ServiceDTO row(String name, String driver, ServiceState state, int restarts, String reason) {
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
        public ServiceDTO get(String name) {
            return list().stream().filter(s -> s.name.equals(name)).findFirst().orElseThrow();
        }

        @Override
        public ServiceChange start(String name) {
            if (!name.startsWith("lab.")) {
                throw new IllegalArgumentException("there is no service `" + name + "`");
            }
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
}
