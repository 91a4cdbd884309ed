package org.pyrolab.web.page;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.HttpServiceRuntimeConstants;
import org.pyrolab.api.lab.WebPage;
import org.pyrolab.web.access.Gate;

/**
 * {@link WebPage}: the links {@code pyrolab web} prints. Registered once the servlet runtime
 * runs, so the port is known: the runtime's {@code osgi.http.endpoint} says where it listens
 * (with {@code port: 0}, the port the system chose); the host is the configured one.
 */
@Component(service = WebPage.class)
public class LoginLinks implements WebPage {
    /** The host the daemon's web switch configured Jetty with. */
    static final String HOST = "org.apache.felix.http.host";

    private final Gate gate;
    private final String host;
    private volatile URI base;

    @Activate
    public LoginLinks(BundleContext context, @Reference Gate gate) {
        this.gate = gate;
        this.host = context.getProperty(HOST);
    }

    /** The servlet runtime, bound before activation; its properties change when Jetty knows its port. */
    @Reference(service = HttpServiceRuntime.class, policyOption = ReferencePolicyOption.GREEDY, updated = "runtime")
    void runtime(Map<String, Object> properties) {
        URI at = base(properties.get(HttpServiceRuntimeConstants.HTTP_SERVICE_ENDPOINT), host);
        if (at != null && !at.equals(base)) {
            System.getLogger("org.pyrolab.web").log(System.Logger.Level.INFO, "the web page serves at " + at);
        }
        base = at;
    }

    @Override
    public URI login() {
        URI at = base;
        if (at == null) {
            throw new IllegalStateException("The web page is starting and does not know its port yet; try again in a moment.");
        }
        return at.resolve("/?token=" + gate.token());
    }

    /** {@code scheme://host:port/} of the first endpoint, with the configured host (a wildcard address: this computer's name). */
    static URI base(Object endpoints, String configuredHost) {
        String first = null;
        if (endpoints instanceof String s) {
            first = s;
        } else if (endpoints instanceof String[] a && a.length > 0) {
            first = a[0];
        } else if (endpoints instanceof Collection<?> c && !c.isEmpty()) {
            first = String.valueOf(c.iterator().next());
        }
        if (first == null) {
            return null;
        }
        URI uri = URI.create(first);
        String host = configuredHost == null || configuredHost.isBlank() ? uri.getHost() : configuredHost;
        if (host == null || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            try {
                host = InetAddress.getLocalHost().getCanonicalHostName();
            } catch (UnknownHostException e) {
                host = "localhost";
            }
        }
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return URI.create(uri.getScheme() + "://" + host + ":" + uri.getPort() + "/");
    }
}
