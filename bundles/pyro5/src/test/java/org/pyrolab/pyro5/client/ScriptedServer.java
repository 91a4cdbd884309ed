package org.pyrolab.pyro5.client;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.pyrolab.pyro5.serial.SerpentSerializer;
import org.pyrolab.pyro5.serial.WireSerializer;
import org.pyrolab.pyro5.wire.Message;
import org.pyrolab.pyro5.wire.MessageCodec;

/**
 * A Pyro5 "server" whose answers a test writes by hand: a CONNECTOK for every CONNECT, then
 * whatever the script does with each INVOKE or PING (a wrong seq, half a reply, nothing). It
 * records every message it receives. One thread per connection, daemon threads, closed by the test.
 */
final class ScriptedServer implements AutoCloseable {

    /** What to do with one message after the CONNECT. */
    interface Script {
        void answer(Message request, OutputStream out) throws IOException;
    }

    static final WireSerializer SERPENT = new SerpentSerializer();
    static final MessageCodec CODEC = new MessageCodec(64 << 20);

    final List<Message> received = new CopyOnWriteArrayList<>();
    private final ServerSocket listener;
    private final Script script;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    ScriptedServer(Script script) throws IOException {
        this.script = script;
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "scripted-server");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** A RESULT answering {@code request} with {@code value}. */
    static byte[] result(Message request, Object value) {
        return CODEC.encode(Message.replyTo(request, Message.RESULT, 0, SERPENT.encode(value)));
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                sockets.add(s);
                Thread t = new Thread(() -> serve(s), "scripted-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            for (Message m; (m = CODEC.read(in)) != null; ) {
                received.add(m);
                if (m.type() == Message.CONNECT) {
                    Map<String, Object> meta = Map.of("methods", java.util.Set.of("echo"), "oneway", java.util.Set.of("fire"), "attrs", java.util.Set.of("gain"));
                    out.write(CODEC.encode(Message.replyTo(m, Message.CONNECTOK, 0, SERPENT.encode(Map.of("handshake", "hello", "meta", meta)))));
                } else {
                    script.answer(m, out);
                }
            }
        } catch (IOException e) {
            // the client went away, or the test closed us
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
