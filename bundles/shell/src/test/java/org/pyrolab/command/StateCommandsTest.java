package org.pyrolab.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.api.dto.ServiceState;
import org.pyrolab.control.CommandFailure;

/** {@code state} and {@code await} through a real Gogo command processor. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StateCommandsTest {
    private final ThreadIOImpl threadIO = new ThreadIOImpl();
    private final TwoServices lab = new TwoServices();
    private CommandSession session;

    @BeforeEach
    void setUp() {
        threadIO.start();
        CommandProcessorImpl processor = new CommandProcessorImpl(threadIO);
        StateCommands commands = new StateCommands();
        commands.services = lab;
        processor.addCommand("pyrolab", commands, "state");
        processor.addCommand("pyrolab", commands, "await");
        PrintStream out = new PrintStream(OutputStream.nullOutputStream());
        session = processor.createSession(InputStream.nullInputStream(), out, out);
    }

    @AfterEach
    void tearDown() {
        session.close();
        threadIO.stop();
    }

    @Test
    void stateIsTheStatesName() throws Exception {
        assertThat(session.execute("pyrolab:state lab.echo")).isEqualTo("RUNNING");
        assertThat(session.execute("(pyrolab:state lab.laser) equals FAILED")).isEqualTo(true);
        assertThatThrownBy(() -> session.execute("pyrolab:state nosuch")).hasMessageContaining("there is no service `nosuch`");
    }

    @Test
    void awaitReturnsOnceEveryServiceIsThere() throws Exception {
        lab.set("lab.laser", ServiceState.STARTING, null);
        CompletableFuture<Object> waited = CompletableFuture.supplyAsync(() -> execute("pyrolab:await lab.echo lab.laser"));
        assertThat(waited).isNotDone();
        lab.set("lab.laser", ServiceState.RUNNING, null);
        assertThat(waited.get(10, TimeUnit.SECONDS)).isEqualTo("lab.echo, lab.laser are RUNNING.");
        assertThat(session.execute("pyrolab:await --state running lab.echo")).isEqualTo("lab.echo is RUNNING.");
    }

    @Test
    void awaitGivesUpAtTheTimeoutNamingWhatIsBehind() {
        lab.set("lab.laser", ServiceState.FAILED, "2026-12-08T10:00:00Z"); // a restart is due: worth waiting for
        assertThatThrownBy(() -> session.execute("pyrolab:await --timeout 0.2 lab.laser"))
                .isInstanceOf(CommandFailure.class)
                .hasMessage("not RUNNING after 0.2 s: lab.laser is FAILED (no laser on COM7)");
    }

    @Test
    void aFailedServiceWithNoRestartDueFailsAtOnce() {
        assertThatThrownBy(() -> session.execute("pyrolab:await --timeout 3600 lab.laser"))
                .isInstanceOf(CommandFailure.class)
                .hasMessage("lab.laser is FAILED and will not be restarted: no laser on COM7");
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertThatThrownBy(() -> session.execute("pyrolab:await"))
                .isInstanceOfSatisfying(CommandFailure.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessage("usage: pyrolab await NAME... [--state STATE] [--timeout SECONDS]");
        assertThatThrownBy(() -> session.execute("pyrolab:await 10")).hasMessageContaining("there is no service `10`");
        assertThatThrownBy(() -> session.execute("pyrolab:await --state UP lab.echo"))
                .isInstanceOfSatisfying(CommandFailure.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessage("there is no state `UP`; states: STOPPED, WAITING, STARTING, RUNNING, STOPPING, FAILED");
        assertThatThrownBy(() -> session.execute("pyrolab:await --timeout soon lab.echo"))
                .hasMessage("--timeout takes seconds from 0 to 86400, not `soon`");
        assertThatThrownBy(() -> session.execute("pyrolab:await nosuch")).hasMessageContaining("there is no service `nosuch`");
    }

    private Object execute(String line) {
        try {
            return session.execute(line);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
