package org.pyrolab.invoke;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * Our scalar rules for Jackson (see {@link Conversion}): Jackson's own would read {@code "3"} as
 * an int, {@code 1} as true and a float as any integer; ours say what Python would.
 */
final class ValueModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    ValueModule() {
        super("pyrolab-values");
        integer(Integer.class, int.class);
        integer(Long.class, long.class);
        integer(Short.class, short.class);
        integer(Byte.class, byte.class);
        addDeserializer(BigInteger.class, new Scalars.Integral<>(BigInteger.class, false));
        real(Double.class, double.class);
        real(Float.class, float.class);
        addDeserializer(BigDecimal.class, new Scalars.Real<>(BigDecimal.class, false));
        addDeserializer(Boolean.class, new Scalars.Bool(false));
        addDeserializer(boolean.class, new Scalars.Bool(true));
        addDeserializer(String.class, new Scalars.Text());
        addDeserializer(Character.class, new Scalars.Letter(false));
        addDeserializer(char.class, new Scalars.Letter(true));
        addDeserializer(byte[].class, new BytesDeserializer());
    }

    @SuppressWarnings("unchecked")
    private <T> void integer(Class<T> boxed, Class<?> primitive) {
        addDeserializer(boxed, new Scalars.Integral<>(boxed, false));
        addDeserializer((Class<T>) primitive, new Scalars.Integral<>(boxed, true));
    }

    @SuppressWarnings("unchecked")
    private <T> void real(Class<T> boxed, Class<?> primitive) {
        addDeserializer(boxed, new Scalars.Real<>(boxed, false));
        addDeserializer((Class<T>) primitive, new Scalars.Real<>(boxed, true));
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addDeserializers(new ParsedTypes());
    }

    /** Any class with a static {@code parse(CharSequence|String)}: java.time, Duration, PyroUri ... */
    private static final class ParsedTypes extends Deserializers.Base {

        @Override
        public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config, BeanDescription bean) {
            Method parse = parseMethod(type.getRawClass());
            return parse == null ? null : new Parsed<>(type.getRawClass(), parse);
        }

        private static Method parseMethod(Class<?> raw) {
            for (Class<?> arg : new Class<?>[] {CharSequence.class, String.class}) {
                try {
                    Method m = raw.getMethod("parse", arg);
                    if (Modifier.isStatic(m.getModifiers()) && raw.isAssignableFrom(m.getReturnType())) {
                        return m;
                    }
                } catch (NoSuchMethodException e) {
                    // try the other form
                }
            }
            return null;
        }
    }
}
