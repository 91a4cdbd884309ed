package org.pyrolab.client;

import java.time.Duration;

import org.pyrolab.pyro5.ns.MemoryNameStore;
import org.pyrolab.pyro5.ns.NameServerConfig;
import org.pyrolab.pyro5.ns.NameServerHost;
import org.pyrolab.pyro5.server.PyroServer;
import org.pyrolab.pyro5.server.PyroServerConfig;
import org.pyrolab.remote.expose.ExposedObjects;
import org.pyrolab.remote.expose.Targets;
import org.pyrolab.remote.lock.LockManager;

/** An in-process endpoint serving one {@link Bench} as {@code lab.bench}, and a name server, on free ports. */
final class LabFixture implements AutoCloseable {

    static final String NAME = "lab.bench";

    final Bench bench = new Bench();
    final PyroServer server;
    final NameServerHost ns;

    LabFixture() throws Exception {
        Targets targets = new Targets();
        targets.add(NAME, bench);
        // tracebacks on (remote_tracebacks: true), so the client's handling of a remote traceback is tested too
        server = new PyroServer(PyroServerConfig.defaults().withTracebacks(true), new ExposedObjects(targets, new LockManager(LockManager.DEFAULT_LEASE)));
        ns = new NameServerHost(NameServerConfig.defaults().withServer(PyroServerConfig.defaults().withPort(0))
                .withProbeTimeout(Duration.ofMillis(500)), new MemoryNameStore());
        server.start();
        ns.start();
        ns.nameServer().register(NAME, server.uri(NAME).toString(), false, null, false);
    }

    int nsPort() {
        return ns.server().port();
    }

    Lab lab() {
        return Lab.locate("127.0.0.1", nsPort());
    }

    @Override
    public void close() {
        ns.close();
        server.close();
    }
}
