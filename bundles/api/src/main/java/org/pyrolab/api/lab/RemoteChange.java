package org.pyrolab.api.lab;

/**
 * What {@link RemoteAccess#start} or {@link RemoteAccess#stop} did to an endpoint or nameserver.
 *
 * @param kind    which of the two it is
 * @param name    its configured name
 * @param change  what happened
 * @param address where it runs ({@code host:port} for an endpoint, the {@code PYRO:} URI for a
 *                nameserver) when it was started or already running, else null
 */
public record RemoteChange(Kind kind, String name, Change change, String address) {

    public enum Kind {
        ENDPOINT,
        NAMESERVER
    }

    public enum Change {
        STARTED,
        ALREADY_RUNNING,
        STOPPED,
        NOT_RUNNING
    }
}
