package org.pyrolab.pyro5.wire;

/**
 * A message refused after a valid header: it announced more than the message limit, or the shared
 * memory budget ran out while it arrived. The header is known, so the server can still answer it
 * with a Pyro5 error (same seq, same serializer) before it closes the connection.
 */
public class RefusedMessageException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    private final int type;
    private final int serializer;
    private final int seq;

    public RefusedMessageException(String message, int type, int serializer, int seq) {
        super(message);
        this.type = type;
        this.serializer = serializer;
        this.seq = seq;
    }

    public int type() {
        return type;
    }

    public int serializer() {
        return serializer;
    }

    public int seq() {
        return seq;
    }
}
