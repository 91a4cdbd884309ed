package org.pyrolab.invoke;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyrolab.api.Expose;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExposedTypeTest {

    /** A package-private base, as driver bundles share code between their drivers. */
    abstract static class Base {
        @Expose
        public int instances() {
            return 7;
        }
    }

    public static final class Derived extends Base {
        @Expose
        public String label() {
            return "x";
        }
    }

    @Test
    void methodsOfAPackagePrivateBaseAreExposedThroughThePublicClass() throws Exception {
        ExposedType type = ExposedType.of(Derived.class);
        assertEquals(1, type.methods("instances").size(), "inherited through javac's visibility bridge");
        assertEquals(7, type.methods("instances").get(0).invoke(new Derived()));
        assertEquals(1, type.methods("label").size());
    }
}
