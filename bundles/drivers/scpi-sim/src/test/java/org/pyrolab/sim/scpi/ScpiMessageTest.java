package org.pyrolab.sim.scpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScpiMessageTest {

    @Test
    void longShortAndSuffixedFormsMeanTheSameHeader() throws Exception {
        for (String form : new String[] {":SOURce1:VOLTage:LEVel:IMMediate:AMPLitude 1.5", "sour:volt 1.5", ":VOLT 1.5", "SOUR:VOLT:LEV 1.5"}) {
            ScpiMessage m = ScpiMessage.parse(form);
            assertEquals("SOUR:VOLT", m.header(), form);
            assertEquals("1.5", m.parameter(), form);
            assertFalse(m.query(), form);
        }
    }

    @Test
    void queriesAndCommonCommandsAreRecognised() throws Exception {
        ScpiMessage error = ScpiMessage.parse("SYSTem:ERRor:NEXT?");
        ScpiMessage idn = ScpiMessage.parse(" *idn? ");

        assertEquals("SYST:ERR", error.header());
        assertTrue(error.query());
        assertEquals("*IDN", idn.header());
        assertTrue(idn.query());
        assertEquals("", idn.parameter());
    }

    @Test
    void unknownOrPartialMnemonicsAreUndefinedHeaders() {
        for (String bad : new String[] {"FOO:BAR", "VOLTA 1", ":", "SOUR::VOLT 1"}) {
            ScpiCommandError e = assertThrows(ScpiCommandError.class, () -> ScpiMessage.parse(bad), bad);
            assertEquals(-113, e.code());
        }
    }
}
