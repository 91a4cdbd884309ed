package org.pyrolab.pyro5.serial;

/** The serializers this bundle speaks, by header id. */
public final class Serializers {

    public static final int SERPENT = 1;
    public static final int MARSHAL = 2;
    public static final int JSON = 3;
    public static final int MSGPACK = 4;

    private final WireSerializer serpent = new SerpentSerializer();
    private final WireSerializer json = new JsonSerializer();

    /** The serializer for an id, or null when this bundle doesn't speak it (marshal, msgpack, others). */
    public WireSerializer byId(int id) {
        return switch (id) {
            case SERPENT -> serpent;
            case JSON -> json;
            default -> null;
        };
    }
}
