package org.pyrolab.daemon.web;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.pyrolab.daemon.config.LabConfig.WebSpec;

/**
 * What the web switch checks around Jetty's start, so that a page that cannot serve says why in
 * the reload's answer and the daemon log: the configured port is free, and the servlet runtime
 * (named by its class, so the daemon imports nothing of the HTTP bundles) appears.
 */
final class Ports {
    static final String RUNTIME = "org.osgi.service.servlet.runtime.HttpServiceRuntime";
    static final long RUNTIME_WAIT_MS = 15_000;

    private Ports() {
    }

    static void checkFree(String host, int port) throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IOException("nothing can listen on " + host + ":" + port + " (" + e.getMessage()
                    + "); another program may use the port: choose another `web.port`, or 0 for any free one");
        }
    }

    static void awaitRuntime(BundleContext context, WebSpec spec) throws IOException {
        long deadline = System.currentTimeMillis() + RUNTIME_WAIT_MS;
        try {
            while (context.getServiceReferences(RUNTIME, null) == null) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IOException("the HTTP server did not start serving " + spec.host() + " within " + RUNTIME_WAIT_MS / 1000
                            + " s; `pyrolab up --foreground --verbose` shows more");
                }
                Thread.sleep(20);
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the HTTP server started");
        }
    }
}
