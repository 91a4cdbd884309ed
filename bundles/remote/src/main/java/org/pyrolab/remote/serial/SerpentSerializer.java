package org.pyrolab.remote.serial;

import java.nio.charset.StandardCharsets;
import net.razorvine.serpent.IDictToInstance;
import net.razorvine.serpent.ParseException;
import net.razorvine.serpent.PyroLabParser;
import net.razorvine.serpent.ast.Ast;

/**
 * Serializer id 1, serpent, on net.razorvine serpent 1.40 with its writer pitfalls fixed in
 * {@link SerpentWriter} and {@code \U} escapes handled by {@link SerpentEscapes} before parsing.
 */
public final class SerpentSerializer implements WireSerializer {

    private static final IDictToInstance DICTS = map -> PyroValues.fromDict(map);

    @Override
    public int id() {
        return Serializers.SERPENT;
    }

    @Override
    public String name() {
        return "serpent";
    }

    @Override
    public byte[] encode(Object value) {
        // The writer keeps per-call state (its StringWriter), so one per call.
        return new SerpentWriter().serialize(value);
    }

    @Override
    public Object decode(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        try {
            Ast ast = new PyroLabParser().parse(SerpentEscapes.rewrite(text));
            return ast.getData(DICTS);
        } catch (ParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("unparsable serpent payload: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // the parser reports some malformed input as other runtime exceptions
            throw new IllegalArgumentException("unparsable serpent payload: " + e, e);
        }
    }
}
