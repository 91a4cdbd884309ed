package org.pyrolab.remote.expose;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pyrolab.pyro5.serial.Serializers;
import org.pyrolab.pyro5.serial.WireSerializer;
import org.pyrolab.pyro5.wire.Message;
import org.pyrolab.pyro5.wire.MessageCodec;

/** A minimal Pyro5 client for what Pyrolite cannot do: kwargs, json, PING, batch, raw frames. */
final class RawClient implements AutoCloseable {

    final Socket socket;
    final InputStream in;
    final MessageCodec codec = new MessageCodec(64 * 1024 * 1024);
    final WireSerializer ser;
    int seq;

    RawClient(int port, int serializerId) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        ser = new Serializers().byId(serializerId);
    }

    Message connect(String objectId) throws IOException {
        return exchange(new Message(Message.CONNECT, ser.id(), 0, seq, null, null,
                ser.encode(Map.of("handshake", "hello", "object", objectId))));
    }

    Object decode(Message m) {
        return ser.decode(m.payload());
    }

    Message invoke(String obj, String method, List<Object> params, Map<String, Object> kwargs, int flags) throws IOException {
        seq = (seq + 1) & 0xffff;
        Object payload;
        if (ser.id() == Serializers.JSON) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("object", obj);
            m.put("method", method);
            m.put("params", params);
            m.put("kwargs", kwargs);
            payload = m;
        } else {
            payload = new Object[] {obj, method, params.toArray(), kwargs};
        }
        Message req = new Message(Message.INVOKE, ser.id(), flags, seq, null, null, ser.encode(payload));
        if ((flags & Message.FLAG_ONEWAY) != 0) {
            send(req);
            return null;
        }
        return exchange(req);
    }

    /** Calls and returns the decoded result; an exception reply comes back as its dict. */
    Object call(String obj, String method, Object... args) throws IOException {
        return decode(invoke(obj, method, Arrays.asList(args), Map.of(), 0));
    }

    Object callKw(String obj, String method, Map<String, Object> kwargs, Object... args) throws IOException {
        return decode(invoke(obj, method, Arrays.asList(args), kwargs, 0));
    }

    Message exchange(Message req) throws IOException {
        send(req);
        return codec.read(in);
    }

    void send(Message m) throws IOException {
        socket.getOutputStream().write(codec.encode(m));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
