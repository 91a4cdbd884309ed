package org.pyrolab.pyro5.serial;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A Pyro5 URI: {@code PYRO:id@host:port}, {@code PYRONAME:name[@host[:port]]} or
 * {@code PYROMETA:m1,m2[@host[:port]]}. On the wire it is the dict
 * {@code {'__class__':'Pyro5.core.URI','state':(protocol, object, sockname, host, port)}}.
 *
 * @param port -1 when the URI has no location (a PYRONAME without host)
 */
public record PyroUri(String protocol, String object, String host, int port) {

    public static final String CLASS_NAME = "Pyro5.core.URI";
    private static final int DEFAULT_NS_PORT = 9090;

    public PyroUri {
        protocol = protocol.toUpperCase(Locale.ROOT);
        Objects.requireNonNull(object, "object");
    }

    /** A {@code PYRO:} URI. */
    public static PyroUri of(String objectId, String host, int port) {
        return new PyroUri("PYRO", objectId, host, port);
    }

    /** Parses the string form; throws IllegalArgumentException naming the bad URI. */
    public static PyroUri parse(String text) {
        String s = text.strip();
        int colon = s.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("invalid uri: " + text);
        }
        String protocol = s.substring(0, colon).toUpperCase(Locale.ROOT);
        String rest = s.substring(colon + 1);
        if (!protocol.equals("PYRO") && !protocol.equals("PYRONAME") && !protocol.equals("PYROMETA")) {
            throw new IllegalArgumentException("invalid uri (protocol): " + text);
        }
        int at = rest.indexOf('@');
        String object = at < 0 ? rest : rest.substring(0, at);
        if (object.isEmpty() || object.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("invalid uri (object): " + text);
        }
        if (at < 0) {
            if (protocol.equals("PYRO")) {
                throw new IllegalArgumentException("invalid uri (location missing): " + text);
            }
            return new PyroUri(protocol, object, null, -1);
        }
        String location = rest.substring(at + 1);
        String host = location;
        int port = protocol.equals("PYRO") ? -1 : DEFAULT_NS_PORT;
        int portColon = location.lastIndexOf(':');
        if (portColon >= 0 && location.indexOf(']') < portColon) {
            host = location.substring(0, portColon);
            try {
                port = Integer.parseInt(location.substring(portColon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid uri (port): " + text);
            }
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || (protocol.equals("PYRO") && port < 0)) {
            throw new IllegalArgumentException("invalid uri (location): " + text);
        }
        return new PyroUri(protocol, object, host, port);
    }

    /** Reads a URI dict ({@code state} tuple or list) as sent by Python or Pyrolite. */
    public static PyroUri fromState(Object state) {
        Object[] s = state instanceof Object[] a ? a
                : state instanceof java.util.List<?> l ? l.toArray() : null;
        if (s == null || s.length != 5) {
            throw new IllegalArgumentException("invalid uri state: " + state);
        }
        int port = s[4] instanceof Number n ? n.intValue() : -1;
        return new PyroUri(String.valueOf(s[0]), String.valueOf(s[1]), s[3] == null ? null : String.valueOf(s[3]), port);
    }

    /** The wire dict; the state is a tuple (Object[]) because Pyrolite casts it to Object[]. */
    public Map<String, Object> toDict() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("__class__", CLASS_NAME);
        d.put("state", new Object[] {protocol, object, null, host, port < 0 ? null : port});
        return d;
    }

    @Override
    public String toString() {
        if (host == null) {
            return protocol + ":" + object;
        }
        String h = host.contains(":") ? "[" + host + "]" : host;
        return protocol + ":" + object + "@" + h + (port >= 0 ? ":" + port : "");
    }
}
