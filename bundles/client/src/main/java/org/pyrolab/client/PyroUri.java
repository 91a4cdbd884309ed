package org.pyrolab.client;

/**
 * The address of one remote object, {@code PYRO:<objectId>@<host>:<port>}, as a name server
 * returns it.
 */
public record PyroUri(String objectId, String host, int port) {

    public PyroUri {
        if (objectId == null || objectId.isBlank() || host == null || host.isBlank()) {
            throw new IllegalArgumentException("a PYRO uri needs an object id and a host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Parses {@code PYRO:id@host:port} (also {@code @[::1]:port}); the word PYRO in any case. */
    public static PyroUri parse(String uri) {
        String s = uri == null ? "" : uri.trim();
        int at = s.indexOf('@');
        int colon = s.lastIndexOf(':');
        if (!s.regionMatches(true, 0, "PYRO:", 0, 5) || at < 0 || colon < at) {
            throw new IllegalArgumentException("not a PYRO:<id>@<host>:<port> uri: " + uri);
        }
        String host = s.substring(at + 1, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new PyroUri(s.substring(5, at), host, Integer.parseInt(s.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a PYRO:<id>@<host>:<port> uri: " + uri, e);
        }
    }

    @Override
    public String toString() {
        return "PYRO:" + objectId + "@" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
