package org.pyrolab.api.dto;

/** What remote access holds now, for {@code pyrolab status}: zeros when it reports nothing. */
public class NetworkDTO {
    /** Open Pyro5 connections to endpoints and nameservers. */
    public int connections;
    /** Bytes held by Pyro5 messages that have partly arrived. */
    public long inFlightBytes;
    /** The most {@link #inFlightBytes} may grow to. */
    public long inFlightBudget;
}
