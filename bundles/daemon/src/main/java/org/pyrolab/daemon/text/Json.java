package org.pyrolab.daemon.text;

import org.pyrolab.api.dto.ServiceKind;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

/** The commands' {@code --json} output: indented, stable field order (the DTOs' declaration order). */
public final class Json {
    /** A row's kind is written as the word users read in {@code ps} ({@code "service"}), not as the enum's name. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .registerModule(new SimpleModule().addSerializer(ServiceKind.class, ToStringSerializer.instance));

    /** The same, on one line: a Server-Sent Event's {@code data:} (the web page). */
    private static final ObjectMapper LINE = JSON.copy().disable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** {@link #of} without the indentation: the same fields in the same order, on one line. */
    public static String line(Object value) {
        try {
            return LINE.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String of(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
