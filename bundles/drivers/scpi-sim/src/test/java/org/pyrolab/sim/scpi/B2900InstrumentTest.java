package org.pyrolab.sim.scpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

/** The simulated instrument without the network: one line in, the reply out. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class B2900InstrumentTest {

    private final B2900Instrument smu = new B2900Instrument("ACME,B2901A,1,1", 1000);

    @Test
    void answersIeee4882CommonQueries() {
        assertEquals("ACME,B2901A,1,1", smu.handle("*IDN?"));
        assertEquals("1", smu.handle("*OPC?"));
        assertEquals("+0,\"No error\"", smu.handle("SYST:ERR?"));
    }

    @Test
    void unknownCommandsGoToTheErrorQueueInOrder() {
        assertNull(smu.handle("FOO:BAR 1"));
        assertNull(smu.handle("SOUR:VOLT 500"));
        assertNull(smu.handle("OUTP MAYBE"));
        assertNull(smu.handle("SOUR:VOLT"));
        assertNull(smu.handle("*IDN? 3"));
        assertNull(smu.handle("SOUR:CURR abc"));

        assertEquals("-113,\"Undefined header\"", smu.handle("SYST:ERR?"));
        assertEquals("-222,\"Data out of range\"", smu.handle("SYST:ERR?"));
        assertEquals("-224,\"Illegal parameter value\"", smu.handle("SYST:ERR?"));
        assertEquals("-109,\"Missing parameter\"", smu.handle("SYST:ERR?"));
        assertEquals("-108,\"Parameter not allowed\"", smu.handle("SYST:ERR?"));
        assertEquals("-104,\"Data type error\"", smu.handle("SYST:ERR?"));
        assertEquals("+0,\"No error\"", smu.handle("SYST:ERR?"));
    }

    @Test
    void aFullErrorQueueEndsInQueueOverflowAndClsEmptiesIt() {
        for (int i = 0; i < 40; i++) {
            smu.handle("NOPE");
        }
        for (int i = 0; i < ErrorQueue.CAPACITY - 1; i++) {
            assertEquals("-113,\"Undefined header\"", smu.handle("SYST:ERR?"));
        }
        assertEquals("-350,\"Queue overflow\"", smu.handle("SYST:ERR?"));

        smu.handle("NOPE");
        smu.handle("*CLS");
        assertEquals("+0,\"No error\"", smu.handle("SYST:ERR?"));
    }

    @Test
    void measuresTheLoadWithinTheCompliance() {
        smu.handle(":SOUR:FUNC:MODE VOLT;:SOUR:VOLT 2;:SENS:CURR:PROT 0.1;:OUTP ON");
        assertEquals("+2.000000E+00;+2.000000E-03", smu.handle(":MEAS:VOLT?;:MEAS:CURR?"));

        smu.handle(":SENS:CURR:PROT 1E-3");
        assertEquals("+1.000000E+00;+1.000000E-03", smu.handle(":MEAS:VOLT?;:MEAS:CURR?"));

        smu.handle(":SOUR:FUNC:MODE CURR;:SOUR:CURR -1E-3;:SENS:VOLT:PROT 10");
        assertEquals("-1.000000E+00", smu.handle(":MEAS:VOLT?"));
    }

    @Test
    void outputOffMeasuresNothingAndResetRestoresDefaults() {
        smu.handle(":SOUR:VOLT 5;:OUTP ON");
        smu.handle("*RST");

        assertEquals("0", smu.handle(":OUTP?"));
        assertEquals("VOLT;+0.000000E+00;+1.000000E-04", smu.handle(":SOUR:FUNC:MODE?;:SOUR:VOLT?;:SENS:CURR:PROT?"));
        assertEquals("+0.000000E+00", smu.handle(":MEAS:CURR?"));
    }

    @Test
    void anErrorDiscardsTheRestOfTheLine() {
        assertNull(smu.handle(":BAD;*IDN?"));
        assertEquals("-113,\"Undefined header\"", smu.handle("SYST:ERR?"));
    }
}
