package org.pyrolab.daemon.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Set;

import org.pyrolab.daemon.config.LabConfig.EndpointSpec;
import org.pyrolab.daemon.config.LabConfig.TlsSpec;
import org.pyrolab.daemon.config.LabConfig.WebSpec;

/**
 * Reads {@code web:}: absent or {@code off} is off; {@code on} is on with the defaults; a mapping
 * {@code {host, port, tls: {cert, key}}} is on as it says. A host other than loopback needs TLS:
 * {@code web.tls}, or else the first endpoint under {@code daemons:} that serves TLS lends its
 * certificate; with neither it is a problem of the configuration.
 */
final class WebCheck {
    static final String DEFAULT_HOST = "localhost";
    private static final Set<String> KEYS = Set.of("host", "port", "tls");
    private static final Set<String> TLS_KEYS = Set.of("cert", "key");

    private final Check check;
    private final TlsCheck tls;

    WebCheck(Check check, TlsCheck tls) {
        this.check = check;
        this.tls = tls;
    }

    WebSpec read(Object node, Map<String, EndpointSpec> endpoints) {
        if (node == null || Boolean.FALSE.equals(node) || "off".equals(node)) {
            return WebSpec.OFF;
        }
        if (Boolean.TRUE.equals(node) || "on".equals(node)) {
            return new WebSpec(true, DEFAULT_HOST, 0, null, null);
        }
        if (!(node instanceof Map)) {
            check.error("web", "expected `on`, `off` or a mapping of `host`, `port` and `tls`, not `" + node + "`");
            return WebSpec.OFF;
        }
        Map<String, Object> body = check.map(node, "web");
        check.keys(body, "web", KEYS);
        String host = check.host(body, "web", "host");
        int port = check.port(body, "web", "port", 0);
        TlsSpec own = null;
        String from = null;
        if (body.get("tls") instanceof Map<?, ?> t) {
            @SuppressWarnings("unchecked")
            Map<String, Object> tlsBody = (Map<String, Object>) t;
            int before = check.problems.size();
            check.keys(tlsBody, "web.tls", TLS_KEYS);
            own = check.problems.size() > before ? null : tls.read(body, "web", true);
            from = "web.tls";
        } else if (body.containsKey("tls")) {
            check.error("web.tls", "expected a mapping of `cert` and `key`, not `" + body.get("tls") + "`");
        }
        String h = host == null ? DEFAULT_HOST : host;
        if (own == null && from == null && !loopback(h)) {
            for (EndpointSpec e : endpoints.values()) {
                if (e.tls() != null && e.tls().cert() != null) {
                    own = new TlsSpec(e.tls().cert(), e.tls().key(), null, false);
                    from = "daemons." + e.name() + ".tls";
                    break;
                }
            }
            if (own == null) {
                check.error(body.containsKey("host") ? "web.host" : "web", "`" + h + "` is not loopback, so the page is served only over"
                        + " TLS, and neither `web.tls` nor an endpoint under `daemons:` has a certificate; give `web.tls: {cert, key}`"
                        + " (`pyrolab tls init` makes them) or use `host: localhost`");
            }
        }
        return new WebSpec(true, h, port, own, from);
    }

    /** {@code localhost} or a loopback address literal; any other name may reach beyond this computer. */
    static boolean loopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+") && !host.contains(":")) {
            return false; // a name: not looked up, it could resolve to anything
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress(); // a literal: no name service involved
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
