package org.pyrolab.api.lab;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Who holds a service's instrument lock: the user and host a Pyro5 client named, or this
 * computer's user for {@code pyrolab lock}, and since when.
 */
public record LockHolder(String user, String host, Instant since) {

    /**
     * {@code user@host since 2026-01-02T03:04:05Z} (seconds, UTC): the form {@code pyrolab ps}
     * shows and {@code ps --json} writes as {@code lockHolder}, so it is part of that contract.
     */
    public String describe() {
        return user + "@" + host + " since " + DateTimeFormatter.ISO_INSTANT.format(since.truncatedTo(ChronoUnit.SECONDS));
    }
}
