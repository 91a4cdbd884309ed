package org.pyrolab.pyro5.ns;

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

/** Talks to Pyro.NameServer as a Python client would: keyword arguments, serpent or json. */
final class NsRawClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final MessageCodec codec = new MessageCodec(1 << 20);
    private final WireSerializer ser;
    final Object hello;
    private int seq;

    NsRawClient(int port, int serializer) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        in = new BufferedInputStream(socket.getInputStream());
        ser = new Serializers().byId(serializer);
        hello = exchange(Message.CONNECT, Map.of("handshake", "hello", "object", NameServer.OBJECT_ID));
    }

    Object call(String method, Map<String, Object> kwargs, Object... args) throws IOException {
        Object payload;
        if (ser.id() == Serializers.JSON) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("object", NameServer.OBJECT_ID);
            m.put("method", method);
            m.put("params", Arrays.asList(args));
            m.put("kwargs", kwargs);
            payload = m;
        } else {
            payload = new Object[] {NameServer.OBJECT_ID, method, args, kwargs};
        }
        seq++;
        return exchange(Message.INVOKE, payload);
    }

    /** A tuple (serpent) or list (json) as a List. */
    List<?> seq(Object v) {
        return v instanceof Object[] a ? Arrays.asList(a) : v instanceof java.util.Collection<?> c ? List.copyOf(c) : null;
    }

    private Object exchange(int type, Object payload) throws IOException {
        socket.getOutputStream().write(codec.encode(new Message(type, ser.id(), 0, seq, null, null, ser.encode(payload))));
        Message reply = codec.read(in);
        return ser.decode(reply.payload());
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
