package org.pyrolab.remote.wire;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** Reads and writes Pyro5 protocol 502 messages (header, annotations, payload). */
public final class MessageCodec {

    private final int maxMessageSize;

    /** @param maxMessageSize the limit on payload plus annotations, in bytes, both ways */
    public MessageCodec(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    /**
     * Reads one message.
     *
     * @return the message, or null on EOF at a message boundary (a normal disconnect)
     * @throws ProtocolException on a bad header, a message over the limit or a broken payload
     * @throws EOFException when the stream ends inside a message
     */
    public Message read(InputStream in) throws IOException {
        byte[] header = new byte[Message.HEADER_SIZE];
        int first = in.read();
        if (first < 0) {
            return null;
        }
        header[0] = (byte) first;
        new DataInputStream(in).readFully(header, 1, header.length - 1);
        ByteBuffer h = ByteBuffer.wrap(header);
        Header parsed = parseHeader(h);
        byte[] rest = new byte[parsed.annotationLength + parsed.payloadLength];
        new DataInputStream(in).readFully(rest);
        return assemble(parsed, rest);
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
        byte[] rest = new byte[size];
        System.arraycopy(raw, Message.HEADER_SIZE, rest, 0, size);
        return assemble(parsed, rest);
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
            throw new ProtocolException("message too large: " + (payloadLength + annotationLength) + " bytes, limit " + maxMessageSize);
        }
        return new Header(type, serializer, flags, seq, (int) payloadLength, (int) annotationLength,
                (flags & Message.FLAG_CORR_ID) != 0 ? corr : null);
    }

    private static Message assemble(Header h, byte[] rest) throws ProtocolException {
        Map<String, byte[]> annotations = new LinkedHashMap<>();
        ByteBuffer b = ByteBuffer.wrap(rest, 0, h.annotationLength);
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
        byte[] payload = new byte[h.payloadLength];
        System.arraycopy(rest, h.annotationLength, payload, 0, h.payloadLength);
        int flags = h.flags;
        if ((flags & Message.FLAG_COMPRESSED) != 0) {
            payload = inflate(payload);
            flags &= ~Message.FLAG_COMPRESSED;
        }
        return new Message(h.type, h.serializer, flags, h.seq, h.corrId, annotations, payload);
    }

    private static byte[] inflate(byte[] data) throws ProtocolException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * 4);
            byte[] buf = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new ProtocolException("truncated compressed payload");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
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
