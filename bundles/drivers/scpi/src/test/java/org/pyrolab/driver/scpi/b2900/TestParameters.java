package org.pyrolab.driver.scpi.b2900;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.Map;

/** Makes a driver's parameters annotation the way DS would: given values, else the defaults. */
final class TestParameters {

    private TestParameters() {
    }

    static <A extends Annotation> A of(Class<A> type, Map<String, Object> values) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (method.getName().equals("annotationType")) {
                return type;
            }
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("toString") ? type.getSimpleName() + values : method.invoke(values, args);
            }
            Object value = values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue();
            if (value == null) {
                throw new IllegalStateException("required parameter " + method.getName() + " not given");
            }
            return value;
        });
        return type.cast(proxy);
    }

    static <A extends Annotation> A defaults(Class<A> type) {
        return of(type, Map.of());
    }
}
