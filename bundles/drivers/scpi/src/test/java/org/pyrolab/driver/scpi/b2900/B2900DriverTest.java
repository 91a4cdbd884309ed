package org.pyrolab.driver.scpi.b2900;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pyrolab.driver.scpi.ScpiConnectionException;
import org.pyrolab.driver.scpi.ScpiInstrumentException;
import org.pyrolab.sim.scpi.B2900Simulator;
import org.pyrolab.sim.scpi.ScpiServer;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class B2900DriverTest {

    private static final double EPS = 1e-12;

    private B2900Driver driver;
    private B2900Simulator simulator;
    private ScpiServer impostor;

    @AfterEach
    void closeEverything() throws Exception {
        if (driver != null) {
            driver.close();
        }
        if (simulator != null) {
            simulator.close();
        }
        if (impostor != null) {
            impostor.close();
        }
    }

    private B2900Driver simulated() throws Exception {
        driver = new B2900Driver(TestParameters.of(B2900Driver.Parameters.class, Map.of("simulate", true)));
        driver.connect(new TestContext());
        return driver;
    }

    @Test
    void inSimulationItIdentifiesAsAB2900() throws Exception {
        B2900Driver smu = simulated();

        assertEquals(B2900Simulator.IDENTITY, smu.identify());
        smu.ping();
    }

    @Test
    void sourcesVoltageAndMeasuresTheLoad() throws Exception {
        B2900Driver smu = simulated();

        smu.source_voltage(2.0);
        smu.setCurrent_compliance(0.01);
        smu.output_on();

        assertTrue(smu.is_output_on());
        assertEquals(2.0, smu.measure_voltage(), EPS);
        assertEquals(0.002, smu.measure_current(), EPS);
        assertEquals(0.01, smu.getCurrent_compliance(), EPS);
    }

    @Test
    void sourcesCurrentWithinTheVoltageCompliance() throws Exception {
        B2900Driver smu = simulated();

        smu.setVoltage_compliance(5);
        smu.source_current(0.01);
        smu.output_on();

        assertEquals(5.0, smu.measure_voltage(), EPS);
        assertEquals(0.005, smu.measure_current(), EPS);
        smu.output_off();
        assertFalse(smu.is_output_on());
    }

    @Test
    void valuesTheInstrumentRefusesAreReportedWithTheirError() throws Exception {
        B2900Driver smu = simulated();

        ScpiInstrumentException e = assertThrows(ScpiInstrumentException.class, () -> smu.source_voltage(500));

        assertTrue(e.getMessage().contains("-222,\"Data out of range\""), e.getMessage());
        assertEquals(List.of(), smu.errors());
        assertThrows(IllegalArgumentException.class, () -> smu.source_voltage(Double.NaN));
    }

    @Test
    void resetRestoresThePowerOnState() throws Exception {
        B2900Driver smu = simulated();
        smu.source_voltage(1);
        smu.output_on();

        smu.reset();

        assertFalse(smu.is_output_on());
    }

    @Test
    void talksToAnInstrumentAtTheConfiguredAddress() throws Exception {
        simulator = B2900Simulator.start(0);
        driver = new B2900Driver(TestParameters.of(B2900Driver.Parameters.class,
                Map.of("host", simulator.host(), "port", simulator.port(), "timeout_ms", 1000)));

        driver.connect(new TestContext());

        assertEquals(B2900Simulator.IDENTITY, driver.identify());
    }

    @Test
    void refusesAnInstrumentThatIsNotAB2900() throws Exception {
        impostor = ScpiServer.start(0, line -> "ACME Instruments,X1000,1,1.0", "impostor");
        driver = new B2900Driver(TestParameters.of(B2900Driver.Parameters.class, Map.of("port", impostor.port())));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> driver.connect(new TestContext()));

        assertTrue(e.getMessage().contains("not a Keysight B2900"), e.getMessage());
    }

    @Test
    void closingStopsTheBuiltInSimulator() throws Exception {
        B2900Driver smu = simulated();

        smu.close();

        assertThrows(ScpiConnectionException.class, smu::identify);
    }

    @Test
    void simulateWithoutTheSimulatorBundleSaysWhatToInstall() throws Exception {
        assertTrue(SimulatedB2900.available(B2900Driver.class.getClassLoader()));
        // a loader that sees no simulator, as the driver's bundle does when driver.scpi.sim is not installed
        try (URLClassLoader without = new URLClassLoader(new URL[0], null)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> SimulatedB2900.require(without));

            assertTrue(e.getMessage().contains("simulate: true needs the B2900 simulator bundle org.pyrolab.driver.scpi.sim"), e.getMessage());
            assertTrue(e.getMessage().contains("driver.scpi.sim.jar"), e.getMessage());
        }
    }

    @Test
    void callsBeforeConnectSayWhatIsWrong() {
        B2900Driver smu = new B2900Driver(TestParameters.defaults(B2900Driver.Parameters.class));

        IllegalStateException e = assertThrows(IllegalStateException.class, smu::identify);

        assertTrue(e.getMessage().contains("not connected"), e.getMessage());
    }
}
