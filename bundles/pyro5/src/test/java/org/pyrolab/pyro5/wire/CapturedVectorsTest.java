package org.pyrolab.pyro5.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.pyrolab.pyro5.serial.Serializers;
import org.pyrolab.pyro5.serial.WireSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/**
 * Every message captured between real Pyro5/Pyrolite clients and a real Pyro5 daemon: the header
 * decodes to the logged fields, re-encodes to the same bytes, and the payload parses and
 * round-trips through our serializer to the same value.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CapturedVectorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    private final MessageCodec codec = new MessageCodec(Integer.MAX_VALUE);
    private final Serializers serializers = new Serializers();

    static Stream<Path> vectorFiles() throws IOException, URISyntaxException {
        Path root = Path.of(CapturedVectorsTest.class.getResource("/pyro5-vectors").toURI());
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> p.toString().endsWith(".jsonl")).sorted().forEach(files::add);
        }
        return files.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyCapturedMessageDecodes() throws Exception {
        return vectorFiles().map(f -> DynamicTest.dynamicTest(f.getParent().getFileName() + "/" + f.getFileName(), () -> checkFile(f)));
    }

    @Test
    void thereAreManyVectors() throws Exception {
        long lines = 0;
        for (Path f : vectorFiles().toList()) {
            lines += Files.readAllLines(f).size();
        }
        assertTrue(lines > 300, "vectors found: " + lines);
    }

    private void checkFile(Path file) throws IOException {
        int checked = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode v = JSON.readTree(line);
            if (v.has("transport")) {
                checkDatagram(v);
                checked++;
                continue;
            }
            byte[] raw = HEX.parseHex(v.get("raw_hex").asText());
            Message m = codec.decode(raw);
            String where = file.getFileName() + " line " + checked;
            assertEquals(v.get("msg_type").asInt(), m.type(), where);
            assertEquals(v.get("serializer_id").asInt(), m.serializer(), where);
            assertEquals(v.get("seq").asInt(), m.seq(), where);
            assertEquals(v.get("flags").asInt() & ~Message.FLAG_COMPRESSED, m.flags(), where);
            String corr = v.get("corr_id").asText();
            if (m.has(Message.FLAG_CORR_ID)) {
                assertEquals(corr, HEX.formatHex(m.corrId()), where);
            }
            assertEquals(v.get("annotations").size(), m.annotations().size(), where);
            for (JsonNode a : v.get("annotations")) {
                assertArrayEquals(HEX.parseHex(a.get("hex").asText()), m.annotations().get(a.get("id").asText()), where);
            }
            byte[] expectedPayload = payload(v);
            assertArrayEquals(expectedPayload, m.payload(), where);
            if (!m.has(0x02 /* compressed on the wire */) && v.get("flags").asInt() == m.flags()) {
                assertArrayEquals(raw, codec.encode(m), where + ": re-encoding");
            }
            WireSerializer ser = serializers.byId(m.serializer());
            if (ser != null) {
                Object value = ser.decode(m.payload());
                assertNotNull(ser.encode(value), where);
                Object again = ser.decode(ser.encode(value));
                assertEquals(normalize(value), normalize(again), where + ": value round trip");
            }
            checked++;
        }
        assertTrue(checked > 0, "no messages in " + file);
    }

    /** The broadcast request is exactly GET_NSURI; the reply a name server URI of at most 100 bytes. */
    private static void checkDatagram(JsonNode v) {
        byte[] raw = HEX.parseHex(v.get("raw_hex").asText());
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        if (v.get("direction").asText().startsWith("client")) {
            assertEquals("GET_NSURI", text);
        } else {
            assertTrue(raw.length <= 100);
            assertEquals("Pyro.NameServer", org.pyrolab.pyro5.serial.PyroUri.parse(text).object());
        }
    }

    private static byte[] payload(JsonNode v) {
        JsonNode p = v.has("payload_decompressed") ? v.get("payload_decompressed") : v.get("payload");
        return "base64".equals(v.get("payload_encoding").asText()) && !v.has("payload_decompressed")
                ? Base64.getDecoder().decode(p.asText()) : p.asText().getBytes(StandardCharsets.UTF_8);
    }

    /** Makes tuples comparable (Object[] has identity equals). */
    static Object normalize(Object v) {
        if (v instanceof Object[] a) {
            return List.of("tuple", Arrays.stream(a).map(CapturedVectorsTest::normalize).toList());
        }
        if (v instanceof byte[] b) {
            return List.of("bytes", HEX.formatHex(b));
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(normalize(x)));
            return out;
        }
        if (v instanceof Set<?> s) {
            Set<Object> out = new LinkedHashSet<>();
            s.forEach(x -> out.add(normalize(x)));
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(normalize(k), normalize(x)));
            return out;
        }
        return v;
    }
}
