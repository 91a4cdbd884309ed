package org.pyrolab.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.gogo.shell.Posix;
import org.apache.felix.gogo.shell.Procedural;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pyrolab.control.CommandFailure;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/** The service commands through a real Gogo command processor, as Felix tests its own commands. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServiceCommandsTest {
    private final ThreadIOImpl threadIO = new ThreadIOImpl();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private CommandSession session;
    private final TwoServices lab = new TwoServices();

    @BeforeEach
    void setUp() {
        threadIO.start();
        CommandProcessorImpl processor = new CommandProcessorImpl(threadIO);
        ServiceCommands commands = new ServiceCommands();
        commands.services = lab;
        processor.addConverter(new TableConverter());
        addAll(processor, new Procedural(), "each", "if");
        addAll(processor, new Posix(), "echo", "grep");
        for (String function : new String[] {"ps", "start", "stop", "restart", "call"}) {
            processor.addCommand("pyrolab", commands, function);
        }
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        session = processor.createSession(InputStream.nullInputStream(), out, out);
    }

    /** Gogo shell's builtins, as its activator registers them in the daemon. */
    static void addAll(CommandProcessorImpl processor, Object commands, String... functions) {
        for (String function : functions) {
            processor.addCommand("gogo", commands, function);
        }
    }

    @AfterEach
    void tearDown() {
        session.close();
        threadIO.stop();
    }

    @Test
    void psShowsOneRowPerServiceWithItsReason() throws Exception {
        String table = session.format(session.execute("pyrolab:ps"), Converter.INSPECT).toString();
        assertThat(table.lines()).hasSize(3);
        assertThat(table.lines().findFirst().orElseThrow()).startsWith("NAME").contains("STATE", "RESTARTS", "LOCK", "REASON");
        assertThat(table).contains("lab.echo", "RUNNING").contains("lab.laser", "FAILED", "no laser on COM7");
    }

    @Test
    void psIsAListOfServicesThatAScriptCanWalk() throws Exception {
        assertThat(session.execute("each (pyrolab:ps) { $it state }")).isEqualTo(List.of("RUNNING", "FAILED"));
        assertThat(session.execute("each (pyrolab:ps) { echo $it }")).asList().containsOnlyNulls();
        assertThat(console.toString(StandardCharsets.UTF_8)).isEqualTo("lab.echo\nlab.laser\n"); // a row prints as its name
        assertThat(session.execute("((pyrolab:ps) get 1) reason")).isEqualTo("no laser on COM7");
        assertThat(session.execute("(((pyrolab:ps) get 0) state) equals RUNNING")).isEqualTo(true);
    }

    @Test
    void psInAPipePrintsTheTable() throws Exception {
        session.execute("pyrolab:ps | grep laser");
        assertThat(console.toString(StandardCharsets.UTF_8)).startsWith("lab.laser").contains("FAILED", "no laser on COM7").doesNotContain("lab.echo");
    }

    @Test
    void aRowAloneIsPrintedAsATableOfOne() throws Exception {
        String text = session.format(session.execute("(pyrolab:ps) get 0"), Converter.INSPECT).toString();
        assertThat(text.lines()).hasSize(2).first().asString().startsWith("NAME");
    }

    @Test
    void noServicesIsASentence() throws Exception {
        lab.rows.clear();
        assertThat(session.format(session.execute("pyrolab:ps"), Converter.INSPECT).toString()).startsWith("No services are configured");
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
        assertThat(lab.started).containsExactly("lab.echo", "lab.laser"); // the failure in the middle stopped nothing
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
}
