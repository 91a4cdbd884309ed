package org.pyrolab.daemon.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.api.dto.ServiceKind;
import org.pyrolab.api.lab.RemoteChange;
import org.pyrolab.api.lab.RemoteChange.Change;
import org.pyrolab.api.lab.RemoteChange.Kind;
import org.pyrolab.api.lab.ServiceChange;

/** What remote access answers for an endpoint or nameserver, as the registry passes it on (the shell words it). */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RemoteLinkTest {

    @Test
    void endpointChanges() {
        assertEquals(new ServiceChange(ServiceKind.ENDPOINT, "ep", ServiceChange.Change.STARTED, null, null, "127.0.0.1:9100"),
                RemoteLink.change(new RemoteChange(Kind.ENDPOINT, "ep", Change.STARTED, "127.0.0.1:9100")));
        assertEquals(new ServiceChange(ServiceKind.ENDPOINT, "ep", ServiceChange.Change.ALREADY_RUNNING, null, null, "127.0.0.1:9100"),
                RemoteLink.change(new RemoteChange(Kind.ENDPOINT, "ep", Change.ALREADY_RUNNING, "127.0.0.1:9100")));
        assertEquals(new ServiceChange(ServiceKind.ENDPOINT, "ep", ServiceChange.Change.STOPPED, null, null, null),
                RemoteLink.change(new RemoteChange(Kind.ENDPOINT, "ep", Change.STOPPED, null)));
        assertEquals(new ServiceChange(ServiceKind.ENDPOINT, "ep", ServiceChange.Change.NOT_RUNNING, null, null, null),
                RemoteLink.change(new RemoteChange(Kind.ENDPOINT, "ep", Change.NOT_RUNNING, null)));
    }

    @Test
    void nameServerChanges() {
        String uri = "PYRO:Pyro.NameServer@127.0.0.1:9090";
        assertEquals(new ServiceChange(ServiceKind.NAMESERVER, "ns", ServiceChange.Change.STARTED, null, null, uri),
                RemoteLink.change(new RemoteChange(Kind.NAMESERVER, "ns", Change.STARTED, uri)));
        assertEquals(new ServiceChange(ServiceKind.NAMESERVER, "ns", ServiceChange.Change.NOT_RUNNING, null, null, null),
                RemoteLink.change(new RemoteChange(Kind.NAMESERVER, "ns", Change.NOT_RUNNING, null)));
    }
}
