package org.pyrolab.client;

import java.util.Optional;

/** The engine's decoded values that have a type of this package instead. */
final class Values {

    private Values() {
    }

    /** A URI as the engine decodes it (or its string form) as this package's {@link PyroUri}. */
    static Optional<PyroUri> uri(Object decoded) {
        if (decoded instanceof org.pyrolab.pyro5.serial.PyroUri u && "PYRO".equals(u.protocol()) && u.host() != null) {
            return Optional.of(new PyroUri(u.object(), u.host(), u.port()));
        }
        if (decoded instanceof String s) {
            try {
                return Optional.of(PyroUri.parse(s));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** A result as handed to the caller: a PYRO uri as {@link PyroUri}, anything else as decoded. */
    static Object result(Object decoded) {
        return decoded instanceof org.pyrolab.pyro5.serial.PyroUri ? uri(decoded).map(Object.class::cast).orElse(decoded.toString()) : decoded;
    }
}
