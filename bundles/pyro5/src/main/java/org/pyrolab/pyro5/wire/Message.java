package org.pyrolab.pyro5.wire;

import java.util.Map;

/**
 * One Pyro5 message: the header fields, the annotations and the (already inflated) payload.
 *
 * @param type        message type, one of the {@code Message.*} type constants
 * @param serializer  serializer id (1 serpent, 3 json, 42 for PING)
 * @param flags       header flags, the {@code FLAG_*} bits
 * @param seq         sequence number, 0..0xffff
 * @param corrId      16 correlation id bytes, or null for none
 * @param annotations id to value; empty when there are none
 * @param payload     payload bytes, never compressed
 */
public record Message(int type, int serializer, int flags, int seq, byte[] corrId,
                      Map<String, byte[]> annotations, byte[] payload) {

    public static final int PROTOCOL_VERSION = 502;
    public static final int HEADER_SIZE = 40;
    public static final int MAGIC = 0x4dc5;

    public static final int CONNECT = 1;
    public static final int CONNECTOK = 2;
    public static final int CONNECTFAIL = 3;
    public static final int INVOKE = 4;
    public static final int RESULT = 5;
    public static final int PING = 6;

    public static final int FLAG_EXCEPTION = 0x01;
    public static final int FLAG_COMPRESSED = 0x02;
    public static final int FLAG_ONEWAY = 0x04;
    public static final int FLAG_BATCH = 0x08;
    public static final int FLAG_ITEMSTREAMRESULT = 0x10;
    public static final int FLAG_KEEPSERIALIZED = 0x20;
    public static final int FLAG_CORR_ID = 0x40;

    /** Serializer id of PING messages. */
    public static final int SERIALIZER_PING = 42;

    public Message {
        annotations = annotations == null ? Map.of() : annotations;
        payload = payload == null ? new byte[0] : payload;
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** A reply to {@code request}: same seq, same serializer, correlation id echoed when set. */
    public static Message replyTo(Message request, int type, int flags, byte[] payload) {
        byte[] corr = request.has(FLAG_CORR_ID) ? request.corrId() : null;
        int f = corr != null ? flags | FLAG_CORR_ID : flags & ~FLAG_CORR_ID;
        return new Message(type, request.serializer(), f, request.seq(), corr, Map.of(), payload);
    }

    public static String typeName(int type) {
        return switch (type) {
            case CONNECT -> "CONNECT";
            case CONNECTOK -> "CONNECTOK";
            case CONNECTFAIL -> "CONNECTFAIL";
            case INVOKE -> "INVOKE";
            case RESULT -> "RESULT";
            case PING -> "PING";
            default -> "type " + type;
        };
    }
}
