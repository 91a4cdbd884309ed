package org.pyrolab.invoke;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;

/**
 * {@code byte[]} from what Pyro5 peers send for bytes, {@code {'data': base64, 'encoding': 'base64'}},
 * from a list of ints (0 to 255, or -128 to 127), or as decoded already. Not from a str: text is not bytes.
 */
final class BytesDeserializer extends JsonDeserializer<byte[]> {

    @Override
    public byte[] deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_EMBEDDED_OBJECT && p.getEmbeddedObject() instanceof byte[] b) {
            return b;
        }
        if (t == JsonToken.START_OBJECT) {
            Map<?, ?> m = ctxt.readValue(p, Map.class);
            if ("base64".equals(m.get("encoding")) && m.get("data") instanceof String data) {
                try {
                    return Base64.getDecoder().decode(data);
                } catch (IllegalArgumentException e) {
                    throw Scalars.failure(p, "expected bytes, got a bytes dict whose data is not base64");
                }
            }
            throw Scalars.failure(p, "expected bytes, got a dict that is not {'data': ..., 'encoding': 'base64'}");
        }
        if (t == JsonToken.START_ARRAY) {
            List<?> items = ctxt.readValue(p, List.class);
            byte[] out = new byte[items.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(items.get(i) instanceof Integer n) || n < -128 || n > 255) {
                    throw Scalars.failure(p, "expected bytes, got a list holding " + Conversion.pythonType(items.get(i)) + " " + items.get(i));
                }
                out[i] = (byte) (int) n;
            }
            return out;
        }
        throw Scalars.mismatch(p, "bytes");
    }
}
