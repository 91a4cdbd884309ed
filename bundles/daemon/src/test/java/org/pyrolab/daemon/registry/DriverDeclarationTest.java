package org.pyrolab.daemon.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DriverDeclarationTest {

    @Test
    void mapsParameterNamesToComponentPropertiesTheDsWay() {
        assertThat(DriverDeclaration.propertyName("min_wavelength")).isEqualTo("min.wavelength");
        assertThat(DriverDeclaration.propertyName("timeout__ms")).isEqualTo("timeout_ms");
        assertThat(DriverDeclaration.propertyName("a$_$b")).isEqualTo("a-b");
        assertThat(DriverDeclaration.propertyName("cost$$")).isEqualTo("cost$");
        assertThat(DriverDeclaration.propertyName("plain")).isEqualTo("plain");
    }
}
