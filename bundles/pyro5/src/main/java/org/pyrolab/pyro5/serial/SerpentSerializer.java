package org.pyrolab.pyro5.serial;

/**
 * Serializer id 1, serpent: {@link SerpentWriter} writes Python literals that
 * {@code ast.literal_eval} and Pyrolite read, {@link SerpentReader} reads them back within fixed
 * limits (nesting depth {@value SerpentReader#MAX_DEPTH}, {@value SerpentReader#MAX_INT_DIGITS}
 * digits per integer, linear time), so hostile payloads fail with an IllegalArgumentException.
 */
public final class SerpentSerializer implements WireSerializer {

    @Override
    public int id() {
        return Serializers.SERPENT;
    }

    @Override
    public String name() {
        return "serpent";
    }

    @Override
    public byte[] encode(Object value) {
        return SerpentWriter.write(value);
    }

    @Override
    public Object decode(byte[] payload) {
        return SerpentReader.read(payload);
    }
}
