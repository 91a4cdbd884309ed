package org.pyrolab.invoke;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;

/**
 * A value sent as its string form and read with the type's static {@code parse} (how PyroLab
 * sends {@code java.time} values and URIs); a {@link Duration} also from float seconds (how
 * PyroLab sends durations).
 */
final class Parsed<T> extends JsonDeserializer<T> {

    private final Class<T> type;
    private final Method parse;

    Parsed(Class<T> type, Method parse) {
        this.type = type;
        this.parse = parse;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (type == Duration.class && p.currentToken().isNumeric()) {
            return type.cast(Duration.ofNanos(Math.round(p.getDoubleValue() * 1e9)));
        }
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw Scalars.mismatch(p, type.getSimpleName());
        }
        String text = p.getText();
        try {
            return type.cast(parse.invoke(null, text));
        } catch (InvocationTargetException e) {
            throw Scalars.failure(p, "cannot read '" + text + "' as " + type.getSimpleName() + ": " + e.getCause().getMessage());
        } catch (IllegalAccessException e) {
            throw Scalars.failure(p, "cannot read '" + text + "' as " + type.getSimpleName() + ": " + e);
        }
    }
}
