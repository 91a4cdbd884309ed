package org.pyrolab.daemon.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.api.dto.ServiceKind;
import org.pyrolab.api.lab.ServiceChange;
import org.pyrolab.api.lab.ServiceChange.Change;

/** The lines `pyrolab start/stop/restart` print, word for word, from what the registry answers. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ChangeLinesTest {

    private static String service(Change change, String driver, Instant since) {
        return ChangeLines.line(new ServiceChange(ServiceKind.SERVICE, "a.echo", change, driver, since, null));
    }

    private static String remote(ServiceKind kind, String name, Change change, String address) {
        return ChangeLines.line(new ServiceChange(kind, name, change, null, null, address));
    }

    @Test
    void serviceLines() {
        assertEquals("Started a.echo (driver sample.echo).", service(Change.STARTED, "sample.echo", null));
        Instant since = Instant.parse("2026-12-02T10:15:30.123456Z");
        assertEquals("a.echo is already running (since 2026-12-02T10:15:30.123456Z)", service(Change.ALREADY_RUNNING, null, since));
        assertEquals("a.echo waits for driver sim.laser, which no installed bundle offers; it starts when one is installed",
                service(Change.WAITING_FOR_DRIVER, "sim.laser", null));
        assertEquals("a.echo was stopped while it started.", service(Change.STOPPED_WHILE_STARTING, null, null));
        assertEquals("Stopped a.echo.", service(Change.STOPPED, null, null));
        assertEquals("a.echo is not running.", service(Change.NOT_RUNNING, null, null));
    }

    @Test
    void endpointLines() {
        assertEquals("Started endpoint ep at 127.0.0.1:9100.", remote(ServiceKind.ENDPOINT, "ep", Change.STARTED, "127.0.0.1:9100"));
        assertEquals("Endpoint ep is already running at 127.0.0.1:9100.", remote(ServiceKind.ENDPOINT, "ep", Change.ALREADY_RUNNING, "127.0.0.1:9100"));
        assertEquals("Stopped endpoint ep.", remote(ServiceKind.ENDPOINT, "ep", Change.STOPPED, null));
        assertEquals("Endpoint ep is not running.", remote(ServiceKind.ENDPOINT, "ep", Change.NOT_RUNNING, null));
    }

    @Test
    void nameServerLines() {
        String uri = "PYRO:Pyro.NameServer@127.0.0.1:9090";
        assertEquals("Started name server ns at " + uri + ".", remote(ServiceKind.NAMESERVER, "ns", Change.STARTED, uri));
        assertEquals("Name server ns is already running at " + uri + ".", remote(ServiceKind.NAMESERVER, "ns", Change.ALREADY_RUNNING, uri));
        assertEquals("Stopped name server ns.", remote(ServiceKind.NAMESERVER, "ns", Change.STOPPED, null));
        assertEquals("Name server ns is not running.", remote(ServiceKind.NAMESERVER, "ns", Change.NOT_RUNNING, null));
    }
}
