package org.pyrolab.api.dto;

import java.util.Locale;

/**
 * What a row of {@code pyrolab ps} is: a configured service, or an endpoint or nameserver that
 * remote access runs. Users read the lower-case word ({@code service}, {@code endpoint},
 * {@code nameserver}), in the table and in {@code ps --json} alike, so {@link #toString()} gives
 * that word and the shell writes it into JSON.
 */
public enum ServiceKind {
    SERVICE,
    ENDPOINT,
    NAMESERVER;

    /** The word {@code ps} and its JSON show: {@code service}, {@code endpoint} or {@code nameserver}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
