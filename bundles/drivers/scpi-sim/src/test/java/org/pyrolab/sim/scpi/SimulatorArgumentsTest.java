package org.pyrolab.sim.scpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SimulatorArgumentsTest {

    @Test
    void readsThePortOrUsesTheDefault() {
        assertEquals(5025, SimulatorArguments.port(new String[0], 5025));
        assertEquals(6000, SimulatorArguments.port(new String[] {"--port", "6000"}, 5025));
        assertEquals(0, SimulatorArguments.port(new String[] {"--port=0"}, 5025));
    }

    @Test
    void refusesBadArguments() {
        assertNull(SimulatorArguments.port(new String[] {"--port", "70000"}, 5025));
        assertNull(SimulatorArguments.port(new String[] {"--port"}, 5025));
        assertNull(SimulatorArguments.port(new String[] {"--verbose"}, 5025));
        assertTrue(SimulatorArguments.wantsHelp(new String[] {"--help"}));
    }
}
