package org.pyrolab.pyro5.server;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Map;

import org.pyrolab.pyro5.serial.Serializers;
import org.pyrolab.pyro5.serial.WireSerializer;
import org.pyrolab.pyro5.wire.Message;
import org.pyrolab.pyro5.wire.MessageCodec;

/** A Pyro5 peer on a raw socket, for what a well-behaved client library never sends. */
final class RawPeer implements AutoCloseable {

    final Socket socket;
    final InputStream in;
    final MessageCodec codec = new MessageCodec(64 << 20);
    final WireSerializer ser = new Serializers().byId(Serializers.SERPENT);
    int seq;

    RawPeer(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
    }

    Message connect(String objectId) throws IOException {
        send(new Message(Message.CONNECT, ser.id(), 0, seq, null, null, ser.encode(Map.of("handshake", "hello", "object", objectId))));
        return codec.read(in);
    }

    /** An INVOKE; returns the reply (null if the server closed instead). */
    Message call(String object, String method, Object... args) throws IOException {
        seq = (seq + 1) & 0xffff;
        send(new Message(Message.INVOKE, ser.id(), 0, seq, null, null, ser.encode(new Object[] {object, method, args, Map.of()})));
        return codec.read(in);
    }

    Object decode(Message m) {
        return ser.decode(m.payload());
    }

    void send(Message m) throws IOException {
        socket.getOutputStream().write(codec.encode(m));
    }

    /** A valid header that announces {@code payloadLength} bytes, without them. */
    static byte[] header(int type, int flags, int seq, int payloadLength) {
        ByteBuffer b = ByteBuffer.allocate(Message.HEADER_SIZE);
        b.put("PYRO".getBytes()).putShort((short) Message.PROTOCOL_VERSION).put((byte) type).put((byte) Serializers.SERPENT);
        b.putShort((short) flags).putShort((short) seq).putInt(payloadLength).putInt(0).put(new byte[16]);
        b.putShort((short) 0).putShort((short) Message.MAGIC);
        return b.array();
    }

    void sendRaw(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** True once the server has closed this connection (reads EOF or a reset). */
    boolean closedByServer() {
        try {
            return socket.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException e) {
            return false; // still open after the read timeout
        } catch (IOException e) {
            return true; // reset
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
