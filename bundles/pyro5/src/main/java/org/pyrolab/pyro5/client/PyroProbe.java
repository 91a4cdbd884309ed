package org.pyrolab.pyro5.client;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.pyrolab.pyro5.serial.PyroUri;
import org.pyrolab.pyro5.serial.SerpentSerializer;
import org.pyrolab.pyro5.wire.Message;
import org.pyrolab.pyro5.wire.MessageCodec;

/**
 * An endpoint is alive when it answers a CONNECT to {@code Pyro.Daemon} with any Pyro message
 * (Python daemons and ours alike; a CONNECTFAIL still proves someone is there).
 */
public final class PyroProbe implements EndpointProbe {

    private final int timeoutMillis;
    private final MessageCodec codec = new MessageCodec(1024 * 1024);

    public PyroProbe(Duration timeout) {
        this.timeoutMillis = (int) Math.max(1, timeout.toMillis());
    }

    @Override
    public boolean alive(PyroUri uri) {
        if (uri.host() == null || uri.port() <= 0 || !uri.protocol().equals("PYRO")) {
            return false;
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(uri.host(), uri.port()), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            s.setTcpNoDelay(true);
            byte[] payload = new SerpentSerializer().encode(Map.of("handshake", "hello", "object", "Pyro.Daemon"));
            s.getOutputStream().write(codec.encode(new Message(Message.CONNECT, 1, 0, 0, null, null, payload)));
            byte[] tag = new byte[4];
            new DataInputStream(s.getInputStream()).readFully(tag);
            return "PYRO".equals(new String(tag, StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
