package org.pyrolab.pyro5.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads and writes Pyro5 protocol 502 messages (header, annotations, payload). A header's lengths
 * are claims: a body is read into a buffer that grows with what has arrived (never allocated at
 * the announced size), every byte is reserved from a {@link MemoryBudget}, and a compressed
 * payload inflates no further than the message limit.
 */
public final class MessageCodec {

    /** The first read of a body allocates at most this much, whatever the header says. */
    static final int FIRST_CHUNK = 64 * 1024;

    private final int maxMessageSize;

    /** @param maxMessageSize the limit on payload plus annotations, in bytes, both ways */
    public MessageCodec(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public int maxMessageSize() {
        return maxMessageSize;
    }

    /**
     * Reads one message without a shared budget (a client reading its server's replies).
     *
     * @return the message, or null on EOF at a message boundary (a normal disconnect)
     */
    public Message read(InputStream in) throws IOException {
        try (MemoryBudget.Reservation r = MemoryBudget.unlimited().open()) {
            return read(in, r, () -> { });
        }
    }

    /**
     * Reads one message, reserving its bytes from {@code reservation} as they arrive; the caller
     * closes the reservation once it is done with the message.
     *
     * @param firstByte runs when the first byte of the message has arrived (a server starts the
     *                  message's deadline there)
     * @return the message, or null on EOF at a message boundary (a normal disconnect)
     * @throws ProtocolException on a bad header, a message over the limit or a broken payload;
     *                           {@link BudgetExceededException} when the budget is spent
     * @throws EOFException when the stream ends inside a message
     */
    public Message read(InputStream in, MemoryBudget.Reservation reservation, Runnable firstByte) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        firstByte.run();
        byte[] header = new byte[Message.HEADER_SIZE];
        header[0] = (byte) first;
        readFully(in, header, 1, header.length - 1);
        Header h = parseHeader(ByteBuffer.wrap(header));
        int size = h.annotationLength + h.payloadLength;
        byte[] body = new byte[0];
        int have = 0;
        try {
            while (have < size) {
                if (have == body.length) {
                    int grown = (int) Math.min(size, Math.max(FIRST_CHUNK, 2L * body.length));
                    reservation.grow(grown - body.length);
                    body = Arrays.copyOf(body, grown);
                }
                int n = in.read(body, have, body.length - have);
                if (n < 0) {
                    throw new EOFException("the stream ended inside a message");
                }
                have += n;
            }
            reservation.received();
            return assemble(h, body, reservation);
        } catch (BudgetExceededException e) {
            throw new RefusedMessageException(e.getMessage(), h.type, h.serializer, h.seq);
        }
    }

    private static void readFully(InputStream in, byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = in.read(b, off, len);
            if (n < 0) {
                throw new EOFException("the stream ended inside a message header");
            }
            off += n;
            len -= n;
        }
    }

    /** Decodes a complete message held in one array (used for the captured vectors). */
    public Message decode(byte[] raw) throws ProtocolException {
        if (raw.length < Message.HEADER_SIZE) {
            throw new ProtocolException("truncated header: " + raw.length + " bytes");
        }
        Header parsed = parseHeader(ByteBuffer.wrap(raw, 0, Message.HEADER_SIZE));
        int size = parsed.annotationLength + parsed.payloadLength;
        if (raw.length != Message.HEADER_SIZE + size) {
            throw new ProtocolException("message length " + raw.length + " does not match header (" + (Message.HEADER_SIZE + size) + ")");
        }
        try (MemoryBudget.Reservation r = MemoryBudget.unlimited().open()) {
            return assemble(parsed, Arrays.copyOfRange(raw, Message.HEADER_SIZE, raw.length), r);
        }
    }

    private record Header(int type, int serializer, int flags, int seq, int payloadLength,
                          int annotationLength, byte[] corrId) {
    }

    private Header parseHeader(ByteBuffer h) throws ProtocolException {
        byte[] tag = new byte[4];
        h.get(tag);
        if (!"PYRO".equals(new String(tag, StandardCharsets.ISO_8859_1))) {
            throw new ProtocolException("invalid data received: not a Pyro message");
        }
        int version = h.getShort() & 0xffff;
        if (version != Message.PROTOCOL_VERSION) {
            throw new ProtocolException("invalid protocol version " + version + ", expected " + Message.PROTOCOL_VERSION);
        }
        int type = h.get() & 0xff;
        int serializer = h.get() & 0xff;
        int flags = h.getShort() & 0xffff;
        int seq = h.getShort() & 0xffff;
        long payloadLength = h.getInt() & 0xffffffffL;
        long annotationLength = h.getInt() & 0xffffffffL;
        byte[] corr = new byte[16];
        h.get(corr);
        h.getShort(); // reserved
        int magic = h.getShort() & 0xffff;
        if (magic != Message.MAGIC) {
            throw new ProtocolException("invalid magic 0x" + Integer.toHexString(magic));
        }
        if (payloadLength + annotationLength > maxMessageSize) {
            throw new RefusedMessageException("message too large: " + (payloadLength + annotationLength)
                    + " bytes, limit " + maxMessageSize, type, serializer, seq);
        }
        return new Header(type, serializer, flags, seq, (int) payloadLength, (int) annotationLength,
                (flags & Message.FLAG_CORR_ID) != 0 ? corr : null);
    }

    private Message assemble(Header h, byte[] body, MemoryBudget.Reservation reservation) throws ProtocolException {
        Map<String, byte[]> annotations = Map.of();
        if (h.annotationLength > 0) {
            annotations = new LinkedHashMap<>();
            ByteBuffer b = ByteBuffer.wrap(body, 0, h.annotationLength);
            while (b.hasRemaining()) {
                if (b.remaining() < 8) {
                    throw new ProtocolException("truncated annotation chunk");
                }
                byte[] id = new byte[4];
                b.get(id);
                long len = b.getInt() & 0xffffffffL;
                if (len > b.remaining()) {
                    throw new ProtocolException("annotation length beyond the annotation block");
                }
                byte[] value = new byte[(int) len];
                b.get(value);
                annotations.put(new String(id, StandardCharsets.ISO_8859_1), value);
            }
        }
        byte[] payload = h.annotationLength == 0 ? body : Arrays.copyOfRange(body, h.annotationLength, body.length);
        int flags = h.flags;
        if ((flags & Message.FLAG_COMPRESSED) != 0) {
            payload = inflate(payload, reservation);
            flags &= ~Message.FLAG_COMPRESSED;
        }
        return new Message(h.type, h.serializer, flags, h.seq, h.corrId, annotations, payload);
    }

    /** Inflates a zlib stream, growing with the output and stopping at the message limit. */
    private byte[] inflate(byte[] data, MemoryBudget.Reservation reservation) throws ProtocolException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data);
            byte[] out = new byte[0];
            int have = 0;
            while (!inflater.finished()) {
                if (have == out.length) {
                    if (out.length >= maxMessageSize) {
                        throw new ProtocolException("compressed payload inflates beyond the message limit of " + maxMessageSize + " bytes");
                    }
                    int grown = (int) Math.min(maxMessageSize, Math.max(FIRST_CHUNK, 2L * out.length));
                    reservation.grow(grown - out.length);
                    out = Arrays.copyOf(out, grown);
                }
                int n = inflater.inflate(out, have, out.length - have);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new ProtocolException("truncated compressed payload");
                }
                have += n;
            }
            return have == out.length ? out : Arrays.copyOf(out, have);
        } catch (DataFormatException e) {
            throw new ProtocolException("invalid compressed payload", e);
        } finally {
            inflater.end();
        }
    }

    /**
     * The whole message as one array, so that it goes out in a single write. The payload goes as
     * given: this never compresses, so COMPRESSED is only right for a payload deflated already.
     */
    public byte[] encode(Message m) {
        int annLength = 0;
        for (byte[] v : m.annotations().values()) {
            annLength += 8 + v.length;
        }
        byte[] payload = m.payload();
        if ((long) annLength + payload.length > maxMessageSize) {
            throw new IllegalArgumentException("message too large: " + (annLength + payload.length) + " bytes, limit " + maxMessageSize);
        }
        ByteBuffer b = ByteBuffer.allocate(Message.HEADER_SIZE + annLength + payload.length);
        b.put((byte) 'P').put((byte) 'Y').put((byte) 'R').put((byte) 'O');
        b.putShort((short) Message.PROTOCOL_VERSION);
        b.put((byte) m.type()).put((byte) m.serializer());
        int flags = m.flags();
        byte[] corr = m.corrId();
        flags = corr != null ? flags | Message.FLAG_CORR_ID : flags & ~Message.FLAG_CORR_ID;
        b.putShort((short) flags);
        b.putShort((short) m.seq());
        b.putInt(payload.length);
        b.putInt(annLength);
        b.put(corr != null ? corr : new byte[16]);
        b.putShort((short) 0);
        b.putShort((short) Message.MAGIC);
        for (Map.Entry<String, byte[]> a : m.annotations().entrySet()) {
            byte[] id = a.getKey().getBytes(StandardCharsets.ISO_8859_1);
            if (id.length != 4) {
                throw new IllegalArgumentException("annotation id must be 4 characters: " + a.getKey());
            }
            b.put(id).putInt(a.getValue().length).put(a.getValue());
        }
        b.put(payload);
        return b.array();
    }
}
