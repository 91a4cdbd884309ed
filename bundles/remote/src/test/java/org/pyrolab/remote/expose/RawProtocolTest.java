package org.pyrolab.remote.expose;

import org.pyrolab.pyro5.server.PyroServerConfig;
import org.pyrolab.pyro5.server.PyroServer;
import org.pyrolab.remote.lock.LockManager;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pyrolab.pyro5.serial.Serializers;
import org.pyrolab.pyro5.wire.Message;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/** What Python clients do that Pyrolite does not: kwargs, json, PING, batch, compression, corr ids. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RawProtocolTest {

    private PyroServer server;

    @BeforeEach
    void start() throws Exception {
        Targets targets = new Targets();
        targets.add("test.instrument", new TestInstrument());
        targets.add(Target.of("test.session", Counter.class, InstanceMode.SESSION, Counter::new));
        targets.add(Target.of("test.percall", Counter.class, InstanceMode.PERCALL, Counter::new));
        server = new PyroServer(PyroServerConfig.defaults(), new ExposedObjects(targets, new LockManager(LockManager.DEFAULT_LEASE)));
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    public static class Counter {
        private int n;

        @org.pyrolab.api.Expose
        public synchronized int next() {
            return ++n;
        }
    }

    @Test
    void keywordArgumentsMapToParameterNames() throws Exception {
        for (int ser : new int[] {Serializers.SERPENT, Serializers.JSON}) {
            try (RawClient c = new RawClient(server.port(), ser)) {
                c.connect("test.instrument");
                assertEquals(30, c.callKw("test.instrument", "add", Map.of("a", 10, "b", 20)));
                assertEquals("hi, bob", c.callKw("test.instrument", "greet", Map.of("greeting", "hi"), "bob"));
                assertEquals("hello, ann", c.callKw("test.instrument", "greet", Map.of("name", "ann")));
                @SuppressWarnings("unchecked")
                Map<String, Object> err = (Map<String, Object>) c.callKw("test.instrument", "add", Map.of("c", 1), 1, 2);
                assertEquals("builtins.TypeError", err.get("__class__"));
            }
        }
    }

    @Test
    void jsonConnectAndCallsUseJsonValues() throws Exception {
        try (RawClient c = new RawClient(server.port(), Serializers.JSON)) {
            Message ok = c.connect("test.instrument");
            assertEquals(Message.CONNECTOK, ok.type());
            assertEquals(Serializers.JSON, ok.serializer());
            String text = new String(ok.payload(), StandardCharsets.UTF_8);
            assertTrue(text.contains("\"attrs\":[\"value\"]"), text);
            assertEquals(List.of(1, "two"), c.call("test.instrument", "echo", List.of(1, "two")));
            Message nan = c.invoke("test.instrument", "echo", List.of(Double.NaN), Map.of(), 0);
            assertEquals("NaN", new String(nan.payload(), StandardCharsets.UTF_8));
            assertEquals(Map.of("data", "AwIB", "encoding", "base64"),
                    c.call("test.instrument", "reverse", Map.of("data", "AQID", "encoding", "base64")));
            // Python json getattr: kwargs null
            Message get = c.invoke("test.instrument", "__getattr__", List.of("value"), null, 0);
            assertEquals(42.0, c.decode(get));
        }
    }

    @Test
    void callerParameterReceivesTheConnection() throws Exception {
        try (RawClient c = new RawClient(server.port(), Serializers.SERPENT)) {
            c.connect("test.instrument");
            assertEquals("anonymous@127.0.0.1!", c.call("test.instrument", "whoami", "!"));
            c.call("test.instrument", "lock", "carol");
            assertEquals("carol@127.0.0.1?", c.call("test.instrument", "whoami", "?"));
        }
    }

    @Test
    void pingMessageIsAnsweredWithPong() throws Exception {
        try (RawClient c = new RawClient(server.port(), Serializers.SERPENT)) {
            c.connect("test.instrument");
            Message pong = c.exchange(new Message(Message.PING, 42, 0, 77, null, null, "ping".getBytes(StandardCharsets.US_ASCII)));
            assertEquals(Message.PING, pong.type());
            assertEquals(77, pong.seq());
            assertEquals(42, pong.serializer());
            assertEquals("pong", new String(pong.payload(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void batchStopsAtTheFirstException() throws Exception {
        try (RawClient c = new RawClient(server.port(), Serializers.SERPENT)) {
            c.connect("test.instrument");
            List<Object> calls = List.of(
                    new Object[] {"add", new Object[] {1, 2}, null},
                    new Object[] {"echo", new Object[] {"x"}, null},
                    new Object[] {"fail", new Object[] {}, null},
                    new Object[] {"add", new Object[] {5, 5}, null});
            Message r = c.invoke("test.instrument", "<batch>", calls, null, Message.FLAG_BATCH);
            assertTrue(r.has(Message.FLAG_BATCH));
            List<?> results = (List<?>) c.decode(r);
            assertEquals(3, results.size());
            assertEquals(3, results.get(0));
            assertEquals("x", results.get(1));
            Map<?, ?> wrapper = (Map<?, ?>) results.get(2);
            assertEquals("Pyro5.core._ExceptionWrapper", wrapper.get("__class__"));
            assertEquals("builtins.ValueError", ((Map<?, ?>) wrapper.get("exception")).get("__class__"));
        }
    }

    @Test
    void compressedRequestsAreInflatedAndCorrelationIdsEchoed() throws Exception {
        try (RawClient c = new RawClient(server.port(), Serializers.SERPENT)) {
            c.connect("test.instrument");
            String big = "x".repeat(500);
            byte[] payload = c.ser.encode(new Object[] {"test.instrument", "echo", new Object[] {big}, Map.of()});
            Deflater d = new Deflater(4);
            d.setInput(payload);
            d.finish();
            ByteArrayOutputStream z = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            while (!d.finished()) {
                z.write(buf, 0, d.deflate(buf));
            }
            byte[] corr = new byte[16];
            Arrays.fill(corr, (byte) 7);
            Message r = c.exchange(new Message(Message.INVOKE, 1, Message.FLAG_COMPRESSED | Message.FLAG_CORR_ID, 9, corr, null, z.toByteArray()));
            assertEquals(9, r.seq());
            Object got = c.decode(r);
            assertEquals(big, got, () -> got instanceof Map<?, ?> m ? Arrays.toString((Object[]) m.get("args")) : "");
            assertTrue(r.has(Message.FLAG_CORR_ID));
            assertArrayEquals(corr, r.corrId());
        }
    }

    @Test
    void annotationsAreIgnored() throws Exception {
        try (RawClient c = new RawClient(server.port(), Serializers.SERPENT)) {
            c.connect("test.instrument");
            byte[] payload = c.ser.encode(new Object[] {"test.instrument", "add", new Object[] {1, 1}, Map.of()});
            Map<String, byte[]> ann = new HashMap<>();
            ann.put("XTRA", "hello".getBytes(StandardCharsets.US_ASCII));
            Message r = c.exchange(new Message(Message.INVOKE, 1, 0, 3, null, ann, payload));
            assertEquals(2, c.decode(r));
        }
    }

    @Test
    void onewayNeverReplies() throws Exception {
        try (RawClient c = new RawClient(server.port(), Serializers.SERPENT)) {
            c.connect("test.instrument");
            assertNull(c.invoke("test.instrument", "fail", List.of(), Map.of(), Message.FLAG_ONEWAY));
            Message next = c.invoke("test.instrument", "add", List.of(2, 2), Map.of(), 0);
            assertEquals(c.seq, next.seq());
            assertEquals(4, c.decode(next));
        }
    }

    @Test
    void instanceModes() throws Exception {
        try (RawClient a = new RawClient(server.port(), 1); RawClient b = new RawClient(server.port(), 1)) {
            a.connect("test.session");
            b.connect("test.session");
            assertEquals(1, a.call("test.session", "next"));
            assertEquals(2, a.call("test.session", "next"));
            assertEquals(1, b.call("test.session", "next"));
            assertEquals(1, a.call("test.percall", "next"));
            assertEquals(1, a.call("test.percall", "next"));
        }
    }

    @Test
    void unknownSerializerClosesWithoutReply() throws Exception {
        try (RawClient c = new RawClient(server.port(), Serializers.SERPENT)) {
            c.send(new Message(Message.CONNECT, 2, 0, 0, null, null, new byte[] {1, 2, 3}));
            assertNull(c.codec.read(c.in));
        }
        try (RawClient c = new RawClient(server.port(), Serializers.SERPENT)) {
            Message fail = c.connect("no.such.object");
            assertEquals(Message.CONNECTFAIL, fail.type());
            assertEquals("unknown object", c.decode(fail));
        }
    }

    @Test
    void whenFullTheLongestWaitingConnectionMakesRoom() throws Exception {
        try (PyroServer small = new PyroServer(PyroServerConfig.defaults().withMaxConnections(1), server.objects())) {
            small.start();
            try (RawClient a = new RawClient(small.port(), 1)) {
                assertEquals(Message.CONNECTOK, a.connect("test.instrument").type());
                try (RawClient b = new RawClient(small.port(), 1)) {
                    assertEquals(Message.CONNECTOK, b.connect("test.instrument").type());
                }
                assertNull(a.codec.read(a.in), "the idle connection was closed to make room");
            }
        }
    }
}
