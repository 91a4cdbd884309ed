package org.pyrolab.daemon.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.api.lab.RemoteChange;
import org.pyrolab.api.lab.RemoteChange.Change;
import org.pyrolab.api.lab.RemoteChange.Kind;

/** The lines `pyrolab start/stop` print for endpoints and nameservers, from what remote access answers. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RemoteLinkTest {

    @Test
    void endpointLines() {
        assertEquals("Started endpoint ep at 127.0.0.1:9100.", RemoteLink.line(new RemoteChange(Kind.ENDPOINT, "ep", Change.STARTED, "127.0.0.1:9100")));
        assertEquals("Endpoint ep is already running at 127.0.0.1:9100.",
                RemoteLink.line(new RemoteChange(Kind.ENDPOINT, "ep", Change.ALREADY_RUNNING, "127.0.0.1:9100")));
        assertEquals("Stopped endpoint ep.", RemoteLink.line(new RemoteChange(Kind.ENDPOINT, "ep", Change.STOPPED, null)));
        assertEquals("Endpoint ep is not running.", RemoteLink.line(new RemoteChange(Kind.ENDPOINT, "ep", Change.NOT_RUNNING, null)));
    }

    @Test
    void nameServerLines() {
        String uri = "PYRO:Pyro.NameServer@127.0.0.1:9090";
        assertEquals("Started name server ns at " + uri + ".", RemoteLink.line(new RemoteChange(Kind.NAMESERVER, "ns", Change.STARTED, uri)));
        assertEquals("Name server ns is already running at " + uri + ".", RemoteLink.line(new RemoteChange(Kind.NAMESERVER, "ns", Change.ALREADY_RUNNING, uri)));
        assertEquals("Stopped name server ns.", RemoteLink.line(new RemoteChange(Kind.NAMESERVER, "ns", Change.STOPPED, null)));
        assertEquals("Name server ns is not running.", RemoteLink.line(new RemoteChange(Kind.NAMESERVER, "ns", Change.NOT_RUNNING, null)));
    }
}
