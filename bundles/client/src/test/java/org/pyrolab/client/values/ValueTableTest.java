package org.pyrolab.client.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pyrolab.api.Caller;
import org.pyrolab.client.Lab;
import org.pyrolab.client.RemoteException;
import org.pyrolab.client.values.ValueKinds.Mode;
import org.pyrolab.client.values.ValueKinds.Reading;
import org.pyrolab.client.values.ValueKinds.Settings;
import org.pyrolab.invoke.ArgumentMismatchException;
import org.pyrolab.invoke.CommandLineValues;
import org.pyrolab.invoke.Invocation;
import org.pyrolab.pyro5.server.PyroServer;
import org.pyrolab.pyro5.server.PyroServerConfig;
import org.pyrolab.remote.expose.ExposedObjects;
import org.pyrolab.remote.expose.Targets;
import org.pyrolab.remote.lock.LockGuard;
import org.pyrolab.remote.lock.LockManager;

import net.razorvine.pyro.PyroException;
import net.razorvine.pyro.PyroProxy;

/**
 * Every row of the value table in docs/remote.md ("Value mapping") through the three ways a
 * driver is called, which must agree: a Pyro5 client (Pyrolite, untyped) through a real
 * in-process endpoint; {@code pyrolab call} (the command-line word read by CommandLineValues, then
 * the invocation module's call by Java name, as the daemon's LocalCall does, behind the same
 * lock guard); and the Java client's typed proxy, whose result comes back as the declared type.
 */
@Timeout(60)
class ValueTableTest {

    /** The expected value of a row that every path must refuse as a TypeError. */
    private static final Object REFUSED = new Object() {
        @Override
        public String toString() {
            return "TypeError";
        }
    };
    private static final String NAME = "lab.values";
    private static final BigInteger BIG = BigInteger.TWO.pow(100);
    private static final Caller CLI = new Caller() {
        @Override
        public String user() {
            return "tester";
        }

        @Override
        public String host() {
            return "localhost";
        }

        @Override
        public String connection() {
            return "cli";
        }
    };

    /** One row: the method (its parameter is the row's Java type), what a Pyro5 client sends, the command-line word, what Java code passes. */
    record Row(String method, Object pyro, String cli, Object java, Object expected) {
        @Override
        public String toString() {
            return method;
        }
    }

    static Stream<Row> rows() {
        Map<String, Object> reading = Map.of("unit", "mW", "value", 1.5, "raw", List.of(1, 2));
        Map<String, Object> badReading = Map.of("unit", "mW", "value", 1.5, "raw", List.of(1, "x"));
        return Stream.of(
                new Row("take_int", 42, "42", 42, 42),
                new Row("take_int_as_double", 3, "3", 3, 3.0),
                new Row("take_int_too_big", 3_000_000_000L, "3000000000", 3_000_000_000L, REFUSED),
                new Row("take_big_int", BIG, BIG.toString(), BIG, BIG),
                new Row("take_big_int_as_long", BIG, BIG.toString(), BIG, REFUSED),
                new Row("take_float", 2.5, "2.5", 2.5, 2.5),
                new Row("take_nan", Double.NaN, "NaN", Double.NaN, Double.NaN),
                new Row("take_whole_float_as_int", 2.0, "2.0", 2.0, 2),
                new Row("take_fraction_as_int", 2.5, "2.5", 2.5, REFUSED),
                new Row("take_str", "héllo", "héllo", "héllo", "héllo"),
                new Row("take_number_as_str", 42, "42", 42, REFUSED),
                new Row("take_str_as_int", "42", "\"42\"", "42", REFUSED),
                new Row("take_bool", true, "true", true, true),
                new Row("take_int_as_bool", 1, "1", 1, REFUSED),
                new Row("take_none", null, "null", null, null),
                new Row("take_none_as_int", null, "null", null, REFUSED),
                new Row("take_optional", "x", "x", Optional.of("x"), Optional.of("x")),
                new Row("take_list", List.of(1, 2, 3), "[1,2,3]", List.of(1, 2, 3), List.of(1, 2, 3)),
                new Row("take_list_as_array", List.of(1, 2, 3), "[1,2,3]", new int[] {1, 2, 3}, new int[] {1, 2, 3}),
                new Row("take_tuple", new Object[] {1, 2}, "[1,2]", new Object[] {1, 2}, List.of(1, 2)),
                new Row("take_set", new LinkedHashSet<>(List.of("a", "b")), "[\"a\",\"b\"]", new LinkedHashSet<>(List.of("a", "b")),
                        new LinkedHashSet<>(List.of("a", "b"))),
                new Row("take_dict", Map.of("a", 1.5, "b", 2), "{\"a\":1.5,\"b\":2}", Map.of("a", 1.5, "b", 2), Map.of("a", 1.5, "b", 2.0)),
                new Row("take_dict_as_record", reading, "{\"unit\":\"mW\",\"value\":1.5,\"raw\":[1,2]}",
                        new Reading("mW", 1.5, List.of(1, 2)), new Reading("mW", 1.5, List.of(1, 2))),
                new Row("take_bad_record", badReading, "{\"unit\":\"mW\",\"value\":1.5,\"raw\":[1,\"x\"]}", badReading, REFUSED),
                new Row("take_dict_as_dto", Map.of("gain", 3, "name", "g"), "{\"gain\":3,\"name\":\"g\"}", new Settings(3, "g"),
                        new Settings(3, "g")),
                new Row("take_bytes", new byte[] {1, 2, 3}, "{\"data\":\"AQID\",\"encoding\":\"base64\"}", new byte[] {1, 2, 3},
                        new byte[] {1, 2, 3}),
                new Row("take_nested", Map.of("a", List.of(1, 2)), "{\"a\":[1,2]}", Map.of("a", List.of(1, 2)), Map.of("a", List.of(1, 2))),
                new Row("take_enum", "fast", "fast", Mode.FAST, Mode.FAST),
                new Row("take_unknown_enum", "medium", "medium", "medium", REFUSED),
                new Row("take_char", "x", "x", 'x', 'x'),
                new Row("take_duration", 1.5, "1.5", Duration.ofMillis(1500), Duration.ofMillis(1500)),
                new Row("take_date", "2024-05-01", "2024-05-01", LocalDate.of(2024, 5, 1), LocalDate.of(2024, 5, 1)),
                new Row("take_any", 7, "7", 7, 7));
    }

    private static final ValueKinds kinds = new ValueKinds();
    private static final LockManager locks = new LockManager(LockManager.DEFAULT_LEASE);
    private static PyroServer server;
    private static PyroProxy pyro;
    private static ValueKindsApi typed;

    @BeforeAll
    static void serve() throws Exception {
        Targets targets = new Targets();
        targets.add(NAME, kinds);
        server = new PyroServer(PyroServerConfig.defaults(), new ExposedObjects(targets, locks));
        server.start();
        pyro = new PyroProxy("127.0.0.1", server.port(), NAME);
        typed = Lab.connect(org.pyrolab.client.PyroUri.parse(server.uri(NAME).toString()), ValueKindsApi.class);
    }

    @AfterAll
    static void close() {
        if (typed != null) {
            typed.close();
        }
        if (pyro != null) {
            pyro.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void everyPathAgrees(Row row) throws Exception {
        String pyroRefusal = throughPyro5(row);
        String cliRefusal = throughCommandLine(row);
        String javaRefusal = throughJavaClient(row);
        if (row.expected() == REFUSED) {
            // one reason, word for word up to the value (whose spelling differs: 2.5, "2.5" ...)
            assertEquals(reason(pyroRefusal), reason(cliRefusal), "pyrolab call and Pyro5 refuse alike");
            assertEquals(reason(pyroRefusal), reason(javaRefusal), "the Java client and Pyro5 refuse alike");
        }
    }

    /** A Pyro5 client: Pyrolite sends the value with serpent; the endpoint converts it. */
    private String throughPyro5(Row row) throws Exception {
        kinds.received = "nothing";
        if (row.expected() == REFUSED) {
            PyroException e = assertThrows(PyroException.class, () -> pyro.call(row.method(), row.pyro()), "Pyro5");
            assertEquals("builtins.TypeError", e.pythonExceptionType, e.getMessage());
            return e.getMessage();
        }
        pyro.call(row.method(), row.pyro());
        assertSame(row.expected(), kinds.received, "Pyro5 argument");
        return null;
    }

    /** {@code pyrolab call NAME METHOD WORD}: the word read as the command line reads it, then the daemon's call path. */
    private String throughCommandLine(Row row) throws Exception {
        kinds.received = "nothing";
        Object value = CommandLineValues.parse(row.cli());
        List<Object> one = value == null ? Arrays.asList((Object) null) : List.of(value);
        if (row.expected() == REFUSED) {
            return assertThrows(ArgumentMismatchException.class,
                    () -> Invocation.callByJavaName(kinds, NAME, row.method(), one, CLI, new LockGuard(locks)), "pyrolab call").getMessage();
        }
        Invocation.callByJavaName(kinds, NAME, row.method(), one, CLI, new LockGuard(locks));
        assertSame(row.expected(), kinds.received, "pyrolab call argument");
        return null;
    }

    /** The Java client: the typed proxy sends the Java value and converts the result to the declared type. */
    private String throughJavaClient(Row row) throws Exception {
        kinds.received = "nothing";
        Method m = ValueKindsApi.class.getMethod(row.method(), Object.class);
        if (row.expected() == REFUSED) {
            Throwable t = assertThrows(java.lang.reflect.InvocationTargetException.class, () -> m.invoke(typed, row.java())).getCause();
            assertTrue(t instanceof RemoteException r && r.type().equals("builtins.TypeError"), String.valueOf(t));
            return ((RemoteException) t).remoteMessage();
        }
        Object result = m.invoke(typed, row.java());
        assertSame(row.expected(), kinds.received, "Java client argument");
        assertSame(row.expected(), result, "Java client result as " + m.getGenericReturnType().getTypeName());
        return null;
    }

    /** Equal values, arrays by content. */
    private static void assertSame(Object expected, Object actual, String path) {
        assertTrue(Objects.deepEquals(expected, actual), () -> path + ": expected " + show(expected) + " but was " + show(actual));
        if (expected != null && !expected.getClass().isArray() && !(expected instanceof java.util.Collection<?>) && !(expected instanceof Map<?, ?>)) {
            assertEquals(expected.getClass(), actual.getClass(), path + ": the Java class");
        }
    }

    private static String show(Object v) {
        return v == null ? "null" : (v.getClass().isArray() ? Arrays.deepToString(new Object[] {v}) : v.toString()) + " (" + v.getClass().getSimpleName() + ")";
    }

    /** The refusal up to the offending value: {@code take_int() argument 'v': expected int}. */
    private static String reason(String message) {
        int got = message.indexOf(", got ");
        String head = got < 0 ? message : message.substring(0, got);
        return head.substring(head.indexOf("take_"));
    }
}
