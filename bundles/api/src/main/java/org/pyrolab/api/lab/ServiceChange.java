package org.pyrolab.api.lab;

import java.time.Instant;

import org.pyrolab.api.dto.ServiceKind;

/**
 * What {@link Services#start}, {@link Services#stop} or {@link Services#restart} did to a
 * service, endpoint or nameserver. A failure is not a change: it is thrown. The shell words it.
 *
 * @param kind    what {@code name} is
 * @param name    its configured name
 * @param change  what happened
 * @param driver  the driver id of a service that {@code STARTED} or is {@code WAITING_FOR_DRIVER}, else null
 * @param since   when a service that was {@code ALREADY_RUNNING} reached RUNNING, else null
 * @param address where an endpoint or nameserver runs ({@code host:port}, or the nameserver's
 *                {@code PYRO:} URI) when it {@code STARTED} or was {@code ALREADY_RUNNING}, else null
 */
public record ServiceChange(ServiceKind kind, String name, Change change, String driver, Instant since, String address) {

    public enum Change {
        STARTED,
        ALREADY_RUNNING,
        /** A service whose driver no installed bundle offers: it waits, and starts when one is installed. */
        WAITING_FOR_DRIVER,
        /** A stop overtook the start it answers: the instance was closed again. */
        STOPPED_WHILE_STARTING,
        STOPPED,
        NOT_RUNNING
    }
}
