package org.pyrolab.pyro5.serial;

/** A Pyro5 payload serializer. Implementations are thread-safe. */
public interface WireSerializer {

    /** The serializer id in the message header. */
    int id();

    /** A short name: {@code serpent} or {@code json}. */
    String name();

    /** Serializes a value; see {@link PyroValues} for how Java types map. */
    byte[] encode(Object value);

    /**
     * Deserializes a payload into null, Boolean, Integer/Long/BigInteger, Double, String, List,
     * Object[] (a tuple, serpent only), Set (serpent only), Map, byte[], {@link Complex} or {@link PyroUri}.
     *
     * @throws IllegalArgumentException when the payload cannot be parsed
     */
    Object decode(byte[] payload);
}
