package org.pyrolab.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.pyrolab.itest.support.Await;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/** The shell bundle's commands, reached through Gogo as the control channel reaches them. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ShellCommandTest {

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = Await.TIMEOUT_MS)
    CommandProcessor processor;

    /** Commands are plain objects: AnyService keeps osgi-test from also filtering on objectClass=Object. */
    @InjectService(service = InjectService.AnyService.class, timeout = Await.TIMEOUT_MS,
            filter = "(&(osgi.command.scope=pyrolab)(osgi.command.function=status))")
    Object statusCommand;

    @Test
    void statusRunsThroughTheCommandProcessor() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        Object result;
        try (CommandSession session = processor.createSession(InputStream.nullInputStream(), out, out)) {
            result = session.execute("pyrolab:status");
        }

        assertThat(result).isInstanceOf(String.class);
        assertThat((String) result)
                .contains("PyroLab daemon is running")
                .contains(String.valueOf(ProcessHandle.current().pid()))
                .contains(context.getProperty("pyrolab.data"));
        assertThat(printed.toString(StandardCharsets.UTF_8)).as("commands return their text, they do not print").isEmpty();
    }
}
