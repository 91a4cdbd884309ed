package org.pyrolab.remote.serial;

import java.io.StringWriter;

import net.razorvine.serpent.Serializer;

/**
 * serpent's writer with what a Python reader needs fixed: strings are written as Python's
 * {@code repr} (non-BMP characters raw, not as two surrogate escapes); a Character is a str; an
 * exception is a Pyro exception dict with a Python class name; records, DTOs and beans are dicts
 * without {@code __class__}; other Java types go through {@link PyroValues}.
 */
final class SerpentWriter extends Serializer {

    SerpentWriter() {
        super(false, true, false);
    }

    @Override
    protected void serialize(Object obj, StringWriter sw, int level) {
        if (obj instanceof byte[] || obj instanceof net.razorvine.serpent.ComplexNumber || PyroValues.isNative(obj)) {
            super.serialize(obj, sw, level);
            return;
        }
        Object plain = PyroValues.toPlain(obj);
        super.serialize(plain, sw, level);
    }

    @Override
    protected void serialize_string(String str, StringWriter sw, int level) {
        sw.write(PythonRepr.str(str));
    }

    @Override
    protected void serialize_exception(Exception ex, StringWriter sw, int level) {
        serialize(ExceptionMapper.toDict(ex, false), sw, level);
    }

    @Override
    protected void serialize_class(Object obj, StringWriter sw, int level) {
        serialize(PyroValues.toPlain(obj), sw, level);
    }
}
