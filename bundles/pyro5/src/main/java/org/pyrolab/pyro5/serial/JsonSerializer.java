package org.pyrolab.pyro5.serial;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * Serializer id 3, json, on Jackson. Like Python's json module it reads and writes bare
 * {@code NaN}/{@code Infinity}/{@code -Infinity} and raw UTF-8. Tuples and sets become lists,
 * byte[] the {@code {"data","encoding"}} dict; other Java types map as in {@link PyroValues}.
 * Reading has the same limits as serpent: nesting depth {@value #MAX_DEPTH} and numbers of at
 * most {@value #MAX_DIGITS} digits (Jackson's own read constraints, checked as it parses).
 */
public final class JsonSerializer implements WireSerializer {

    static final int MAX_DEPTH = 200;
    static final int MAX_DIGITS = 4300;

    private final ObjectMapper mapper;

    public JsonSerializer() {
        SimpleModule module = new SimpleModule("pyro5");
        module.addSerializer(byte[].class, new ViaPlain<>(PyroValues::bytesToDict));
        module.addSerializer(PyroUri.class, new ViaPlain<>(PyroUri::toDict));
        module.addSerializer(Throwable.class, new ViaPlain<>(t -> ExceptionMapper.toDict(t, false)));
        for (Class<?> c : List.of(java.time.temporal.TemporalAccessor.class, java.time.Duration.class,
                java.util.Optional.class, Character.class, Float.class, java.math.BigDecimal.class, Record.class)) {
            addPlain(module, c);
        }
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxNumberLength(MAX_DIGITS)
                        .build())
                .build();
        mapper = JsonMapper.builder(factory)
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8) // raw UTF-8 like Python, not \\ud83d\\ude00
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addModule(module)
                .build();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void addPlain(SimpleModule module, Class<?> c) {
        module.addSerializer((Class) c, new ViaPlain<>(PyroValues::toPlain));
    }

    @Override
    public int id() {
        return Serializers.JSON;
    }

    @Override
    public String name() {
        return "json";
    }

    @Override
    public byte[] encode(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialize to json: " + e.getMessage(), e);
        }
    }

    @Override
    public Object decode(byte[] payload) {
        try {
            return convertDicts(mapper.readValue(payload, Object.class));
        } catch (IOException e) {
            throw new IllegalArgumentException("unparsable json payload: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
    }

    /** Applies {@link PyroValues#fromDict} throughout, as serpent's dict hook does. */
    private static Object convertDicts(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(k, convertDicts(val)));
            return PyroValues.fromDict(out);
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            c.forEach(e -> out.add(convertDicts(e)));
            return out;
        }
        return v;
    }

    /** Writes a value by converting it to a plain one first. */
    private static final class ViaPlain<T> extends com.fasterxml.jackson.databind.JsonSerializer<T> {
        private final java.util.function.Function<T, Object> convert;

        ViaPlain(java.util.function.Function<T, Object> convert) {
            this.convert = convert;
        }

        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            provider.defaultSerializeValue(convert.apply(value), gen);
        }
    }
}
