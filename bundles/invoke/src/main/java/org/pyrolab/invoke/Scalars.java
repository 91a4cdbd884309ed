package org.pyrolab.invoke;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;

/** The scalar rules of {@link Conversion}, one Jackson deserializer each. */
final class Scalars {

    private Scalars() {
    }

    /** Shared by every scalar: None is null, and a mismatch for a primitive. */
    abstract static class Scalar<T> extends JsonDeserializer<T> {
        final Class<T> type;
        final boolean primitive;

        Scalar(Class<T> type, boolean primitive) {
            this.type = type;
            this.primitive = primitive;
        }

        String wanted() {
            return primitive ? primitiveName(type) : type.getSimpleName();
        }

        @Override
        public T getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            if (primitive) {
                throw JsonMappingException.from(ctxt, "expected " + wanted() + ", got None");
            }
            return null;
        }
    }

    /** Integer types: from an int in range, or from a float without a fraction (2.0). */
    static final class Integral<T> extends Scalar<T> {
        Integral(Class<T> type, boolean primitive) {
            super(type, primitive);
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            BigInteger big;
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                big = p.getBigIntegerValue();
            } else if (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
                double d = p.getDoubleValue();
                if (d != Math.rint(d) || Double.isInfinite(d)) {
                    throw failure(p, "expected " + wanted() + ", got float " + d + " (a float is narrowed only when it has no fraction)");
                }
                big = new BigDecimal(d).toBigInteger();
            } else {
                throw mismatch(p, wanted());
            }
            int bits = type == Long.class ? 64 : type == Integer.class ? 32 : type == Short.class ? 16 : type == Byte.class ? 8 : 0;
            if (bits > 0 && big.bitLength() >= bits) {
                throw failure(p, "expected " + wanted() + ", got int " + big + " (out of range for " + wanted() + ")");
            }
            Object out = type == BigInteger.class ? big : type == Long.class ? (Object) big.longValue()
                    : type == Integer.class ? (Object) big.intValue() : type == Short.class ? (Object) big.shortValue()
                    : (Object) big.byteValue();
            return type.cast(out);
        }
    }

    /** double, float, BigDecimal: from any number; serpent's NaN/infinity dict; BigDecimal also from its str form. */
    static final class Real<T> extends Scalar<T> {
        Real(Class<T> type, boolean primitive) {
            super(type, primitive);
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (type == BigDecimal.class) {
                if (t == JsonToken.VALUE_NUMBER_INT) {
                    return type.cast(new BigDecimal(p.getBigIntegerValue()));
                }
                if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                    return type.cast(new BigDecimal(String.valueOf(p.getDoubleValue())));
                }
                if (t == JsonToken.VALUE_STRING) {
                    try {
                        return type.cast(new BigDecimal(p.getText()));
                    } catch (NumberFormatException e) {
                        throw mismatch(p, wanted());
                    }
                }
                throw mismatch(p, wanted());
            }
            double d;
            if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                d = p.getDoubleValue();
            } else if (t == JsonToken.START_OBJECT) {
                d = special(ctxt.readValue(p, Map.class), p);
            } else {
                throw mismatch(p, wanted());
            }
            return type.cast(type == Float.class ? (Object) (float) d : (Object) d);
        }

        /** serpent writes NaN as {@code {'__class__': 'float', 'value': 'nan'}}. */
        private double special(Map<?, ?> m, JsonParser p) throws JsonMappingException {
            if ("float".equals(m.get("__class__")) && m.get("value") instanceof String s) {
                switch (s.toLowerCase(Locale.ROOT)) {
                    case "nan": return Double.NaN;
                    case "inf", "infinity": return Double.POSITIVE_INFINITY;
                    case "-inf", "-infinity": return Double.NEGATIVE_INFINITY;
                    default: break;
                }
            }
            throw failure(p, "expected " + wanted() + ", got a dict");
        }
    }

    /** bool: from True/False only (not from 0/1 or "true"). */
    static final class Bool extends Scalar<Boolean> {
        Bool(boolean primitive) {
            super(Boolean.class, primitive);
        }

        @Override
        public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_TRUE || p.currentToken() == JsonToken.VALUE_FALSE) {
                return p.currentToken() == JsonToken.VALUE_TRUE;
            }
            throw mismatch(p, wanted());
        }
    }

    /** String: from str only (a number is not text). */
    static final class Text extends Scalar<String> {
        Text() {
            super(String.class, false);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                return p.getText();
            }
            throw mismatch(p, "str");
        }
    }

    /** char: a str of one UTF-16 unit. */
    static final class Letter extends Scalar<Character> {
        Letter(boolean primitive) {
            super(Character.class, primitive);
        }

        @Override
        public Character deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING && p.getText().length() == 1) {
                return p.getText().charAt(0);
            }
            throw mismatch(p, "a one-letter str");
        }
    }

    static JsonMappingException mismatch(JsonParser p, String wanted) throws IOException {
        return failure(p, "expected " + wanted + ", got " + describe(p));
    }

    static JsonMappingException failure(JsonParser p, String message) {
        return JsonMappingException.from(p, message);
    }

    /** The value at the parser, as a Python programmer would name it. */
    static String describe(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_STRING -> "str '" + shorten(p.getText()) + "'";
            case VALUE_NUMBER_INT -> "int " + shorten(p.getText());
            case VALUE_NUMBER_FLOAT -> "float " + p.getDoubleValue();
            case VALUE_TRUE -> "bool True";
            case VALUE_FALSE -> "bool False";
            case VALUE_NULL -> "None";
            case START_ARRAY -> "a list";
            case START_OBJECT -> "a dict";
            case VALUE_EMBEDDED_OBJECT -> Conversion.pythonType(p.getEmbeddedObject());
            default -> String.valueOf(p.currentToken());
        };
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    private static String primitiveName(Class<?> boxed) {
        return boxed == Integer.class ? "int" : boxed == Character.class ? "char" : boxed.getSimpleName().toLowerCase(Locale.ROOT);
    }
}
