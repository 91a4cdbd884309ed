package org.pyrolab.pyro5.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The serpent 1.40 pitfalls of the protocol sheet (§8.3) and the json rules (§8.1). */
@Timeout(10)
class SerializerTest {

    private final SerpentSerializer serpent = new SerpentSerializer();
    private final JsonSerializer json = new JsonSerializer();

    record Point(int x, String label) {
    }

    private String serpentText(Object v) {
        String s = new String(serpent.encode(v), StandardCharsets.UTF_8);
        assertTrue(s.startsWith("# serpent utf-8 python3.2\n"));
        return s.substring(s.indexOf('\n') + 1);
    }

    private String jsonText(Object v) {
        return new String(json.encode(v), StandardCharsets.UTF_8);
    }

    @Test
    void stringsAreWrittenAsPythonRepr() {
        assertEquals("'\uD83D\uDE00'", serpentText("\uD83D\uDE00")); // raw, not two surrogate escapes
        assertEquals("'h\u00e9llo \u2713'", serpentText("h\u00e9llo \u2713"));
        assertEquals("\"it's\"", serpentText("it's"));
        assertEquals("'it\\'s \"q\"'", serpentText("it's \"q\""));
        assertEquals("'a\\x00b\\x7f\\n\\t\\\\'", serpentText("a\0b\u007f\n\t\\"));
        assertEquals("'\\u200b'", serpentText("\u200b"));
        assertEquals("'\\U000e0001'", serpentText(new String(Character.toChars(0xe0001))));
    }

    @Test
    void charactersExceptionsAndRecordsArePythonValues() {
        assertEquals("'x'", serpentText('x'));
        assertEquals("0.1", serpentText(0.1f));
        String ex = serpentText(new IllegalArgumentException("bad"));
        assertTrue(ex.contains("'__class__':'builtins.ValueError'"), ex);
        assertTrue(ex.contains("'args':('bad',)"), ex);
        assertEquals("{'x':1,'label':'a'}", serpentText(new Point(1, "a")));
        assertEquals("'2024-01-02'", serpentText(LocalDate.of(2024, 1, 2)));
        assertEquals("1.5", serpentText(Duration.ofMillis(1500)));
        assertEquals("None", serpentText(Optional.empty()));
        assertEquals("()", serpentText(Set.of()));
        assertEquals("(1,)", serpentText(new Object[] {1}));
        assertEquals("{'__class__':'Pyro5.core.URI','state':('PYRO','obj',None,'h',9)}", serpentText(PyroUri.parse("PYRO:obj@h:9")));
    }

    @Test
    void floatsIncludingSpecialValues() {
        assertEquals("1e30000", serpentText(Double.POSITIVE_INFINITY));
        assertEquals("-1e30000", serpentText(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN((Double) serpent.decode(serpent.encode(Double.NaN))));
        assertEquals(Double.POSITIVE_INFINITY, serpent.decode("1e30000".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void parserUnderstandsLongUnicodeEscapesAndNestedComplex() {
        assertEquals("\uD83D\uDE00!", serpent.decode("'\\U0001f600!'".getBytes(StandardCharsets.UTF_8)));
        assertEquals("\\U0001f600", serpent.decode("'\\\\U0001f600'".getBytes(StandardCharsets.UTF_8)));
        Object[] t = (Object[]) serpent.decode("((1.0-2.0j),'(3+4j)')".getBytes(StandardCharsets.UTF_8));
        assertEquals(new Complex(1.0, -2.0), t[0]);
        assertEquals("(3+4j)", t[1]);
        assertEquals(new Complex(0, 2.5), serpent.decode("2.5j".getBytes(StandardCharsets.UTF_8)));
        assertEquals(new Complex(1e-07, -1), ((Object[]) serpent.decode("[(1e-07-1j)]".replace('[', '(').replace("]", ",)").getBytes(StandardCharsets.UTF_8)))[0]);
        // tuples that serpent 1.40's complex guessing misreads
        Object[] tricky = (Object[]) serpent.decode("({'a':-2.0},'x+j)')".getBytes(StandardCharsets.UTF_8));
        assertEquals(Map.of("a", -2.0), tricky[0]);
        assertEquals("x+j)", tricky[1]);
        assertThrows(IllegalArgumentException.class, () -> serpent.decode("('unterminated".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void bytesBecomeBase64Dicts() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("data", "AAH/");
        expected.put("encoding", "base64");
        assertEquals(expected, serpent.decode(serpent.encode(new byte[] {0, 1, -1})));
        assertEquals("{\"data\":\"AAH/\",\"encoding\":\"base64\"}", jsonText(new byte[] {0, 1, -1}));
    }

    @Test
    void jsonWritesAndReadsBareNanAndInfinityLikePython() {
        assertEquals("[NaN,Infinity,-Infinity]", jsonText(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)));
        List<?> back = (List<?>) json.decode("[NaN, Infinity, -Infinity, 1267650600228229401496703205376]".getBytes(StandardCharsets.UTF_8));
        assertTrue(Double.isNaN((Double) back.get(0)));
        assertEquals(Double.NEGATIVE_INFINITY, back.get(2));
        assertEquals(new java.math.BigInteger("1267650600228229401496703205376"), back.get(3));
        assertEquals("\"\uD83D\uDE00\"", jsonText("\uD83D\uDE00")); // raw UTF-8, as Python writes
        assertEquals("[1,\"two\"]", jsonText(new Object[] {1, "two"}));
        assertEquals("{\"x\":1,\"label\":\"a\"}", jsonText(new Point(1, "a")));
        assertEquals("\"x\"", jsonText('x'));
        assertTrue(jsonText(new IllegalStateException("no")).contains("\"__class__\":\"builtins.RuntimeError\""));
        Object uri = json.decode("{\"__class__\": \"Pyro5.core.URI\", \"state\": [\"PYRO\", \"o\", null, \"h\", 1]}".getBytes(StandardCharsets.UTF_8));
        assertEquals(PyroUri.parse("PYRO:o@h:1"), uri);
    }

    @Test
    void uris() {
        assertEquals("PYRONAME:asgard.laser1@ns.lab:9090", PyroUri.parse("pyroname:asgard.laser1@ns.lab").toString());
        assertEquals("PYRONAME:x", PyroUri.parse("PYRONAME:x").toString());
        assertEquals("::1", PyroUri.parse("PYRO:o@[::1]:5").host());
        assertThrows(IllegalArgumentException.class, () -> PyroUri.parse("PYRO:o"));
        assertThrows(IllegalArgumentException.class, () -> PyroUri.parse("HTTP:o@h:1"));
        assertArrayEquals(new Object[] {"PYRO", "o", null, "h", 1}, (Object[]) PyroUri.parse("PYRO:o@h:1").toDict().get("state"));
    }

    @Test
    void exceptionMapping() {
        assertEquals("builtins.ValueError", ExceptionMapper.pythonClass(new NumberFormatException()));
        assertEquals("builtins.IndexError", ExceptionMapper.pythonClass(new ArrayIndexOutOfBoundsException()));
        assertEquals("builtins.TimeoutError", ExceptionMapper.pythonClass(new java.util.concurrent.TimeoutException()));
        assertEquals("builtins.OSError", ExceptionMapper.pythonClass(new java.io.IOException()));
        assertEquals("builtins.ZeroDivisionError", ExceptionMapper.pythonClass(new ArithmeticException("/ by zero")));
        assertEquals("builtins.RuntimeError", ExceptionMapper.pythonClass(new Exception()));
        Map<String, Object> d = ExceptionMapper.toDict(new NullPointerException("x is null"), true);
        assertArrayEquals(new Object[] {"java.lang.NullPointerException: x is null"}, (Object[]) d.get("args"));
        List<?> tb = (List<?>) ((Map<?, ?>) d.get("attributes")).get("_pyroTraceback");
        assertEquals("Traceback (most recent call last):\n", tb.get(0));
        assertTrue(tb.stream().allMatch(l -> ((String) l).endsWith("\n")));
    }

    @Test
    void withoutTracebacksRemoteCallersSeeNoJavaInternals() {
        Map<String, Object> d = ExceptionMapper.toDict(new IllegalStateException("laser is off; java.lang.String expected"), false);
        assertEquals("builtins.RuntimeError", d.get("__class__"));
        assertArrayEquals(new Object[] {"laser is off; String expected"}, (Object[]) d.get("args"));
        assertEquals(Map.of(), d.get("attributes"));
        Map<String, Object> npe = ExceptionMapper.toDict(new NullPointerException(), false);
        String text = String.valueOf(((Object[]) npe.get("args"))[0]);
        assertFalse(text.contains("java."), text);
        assertFalse(text.contains("NullPointerException"), text);
        Map<String, Object> cast = ExceptionMapper.toDict(new ClassCastException(
                "class java.lang.String cannot be cast to class java.lang.Integer (java.lang.String is in module java.base)"), false);
        assertFalse(String.valueOf(((Object[]) cast.get("args"))[0]).contains("java.lang"), String.valueOf(((Object[]) cast.get("args"))[0]));
        assertEquals("builtins.TypeError", cast.get("__class__"));
        // a RemoteError's message is written for the client and goes as it is
        assertArrayEquals(new Object[] {"unknown name: lab.echo"},
                (Object[]) ExceptionMapper.toDict(org.pyrolab.pyro5.serial.RemoteError.namingError("unknown name: lab.echo"), false).get("args"));
    }
}
