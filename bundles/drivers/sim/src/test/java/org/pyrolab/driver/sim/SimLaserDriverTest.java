package org.pyrolab.driver.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

class SimLaserDriverTest {

    private static final double EPS = 1e-9;

    private final ManualClock clock = new ManualClock();
    private final SimLaserDriver laser = new SimLaserDriver(TestParameters.defaults(SimLaserDriver.Parameters.class), clock);

    @Test
    void startsAt1550NmAndOneMilliwattWithTheOutputOff() {
        assertEquals(1550.0, laser.getWavelength(), EPS);
        assertEquals(1.0, laser.getPower_mw(), EPS);
        assertEquals(0.0, laser.getPower_dbm(), EPS);
        assertFalse(laser.is_on());
    }

    @Test
    void wavelengthsOutsideTheRangeAreRefusedNotClamped() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> laser.setWavelength(1650));

        assertEquals("wavelength 1650.0 nm is out of range: it must be between 1500.0 and 1630.0 nm", e.getMessage());
        assertEquals(1550.0, laser.getWavelength(), EPS);
        laser.setWavelength(1630);
        assertEquals(1630.0, laser.getWavelength(), EPS);
    }

    @Test
    void theRangeComesFromTheParameters() {
        SimLaserDriver narrow = new SimLaserDriver(TestParameters.of(SimLaserDriver.Parameters.class,
                Map.of("min_wavelength", 1260.0, "max_wavelength", 1360.0)), clock);

        assertEquals(1260.0, narrow.getWavelength(), EPS);
        assertThrows(IllegalArgumentException.class, () -> narrow.setWavelength(1550));
    }

    @Test
    void powerIsSetInMilliwattsOrDbm() {
        laser.setPower_dbm(3);
        assertEquals(1.995, laser.getPower_mw(), 1e-3);

        laser.setPower_mw(10);
        assertEquals(10.0, laser.getPower_dbm(), EPS);

        IllegalArgumentException tooHigh = assertThrows(IllegalArgumentException.class, () -> laser.setPower_mw(20));
        assertTrue(tooHigh.getMessage().contains("between 0.01 and 10.0 mW"), tooHigh.getMessage());
        IllegalArgumentException tooLow = assertThrows(IllegalArgumentException.class, () -> laser.setPower_dbm(-30));
        assertTrue(tooLow.getMessage().contains("between -20.0 and 10.0 dBm"), tooLow.getMessage());
        assertEquals(10.0, laser.getPower_mw(), EPS);
    }

    @Test
    void aSweepTakesItsTimeAndBlocksWavelengthChanges() {
        laser.on();

        assertEquals(2.0, laser.sweep(1510, 1530, 10), EPS);
        clock.advance(1);
        assertTrue(laser.is_sweeping());
        assertEquals(1520.0, laser.getWavelength(), EPS);
        IllegalStateException busy = assertThrows(IllegalStateException.class, () -> laser.setWavelength(1600));
        assertTrue(busy.getMessage().contains("sweep_stop()"), busy.getMessage());

        clock.advance(1.01);
        assertFalse(laser.is_sweeping());
        assertEquals(1530.0, laser.getWavelength(), EPS);
    }

    @Test
    void sweepStopLeavesTheWavelengthWhereTheSweepWas() {
        laser.on();
        laser.sweep(1600, 1500, 20);
        clock.advance(2);

        laser.sweep_stop();
        clock.advance(10);

        assertEquals(1560.0, laser.getWavelength(), EPS);
        assertFalse(laser.is_sweeping());
    }

    @Test
    void sweepWaitReturnsTheEndWavelengthOrTimesOut() throws Exception {
        laser.on();
        laser.sweep(1500, 1600, 10);

        TimeoutException e = assertThrows(TimeoutException.class, () -> laser.sweep_wait(5));
        assertTrue(e.getMessage().startsWith("a wavelength sweep is still running after 5.0 s"), e.getMessage());
        assertEquals(1600.0, laser.sweep_wait(60), EPS);
    }

    @Test
    void turningTheOutputOffStopsTheSweep() {
        laser.on();
        laser.sweep(1500, 1600, 10);
        clock.advance(3);

        laser.off();

        assertFalse(laser.is_sweeping());
        assertEquals(1530.0, laser.getWavelength(), EPS);
    }

    @Test
    void badSweepsAreRefused() {
        IllegalStateException off = assertThrows(IllegalStateException.class, () -> laser.sweep(1510, 1520, 1));
        assertEquals("the laser output is off; call on() before sweeping", off.getMessage());

        laser.on();
        for (double[] sweep : List.of(new double[] {1490, 1520, 1}, new double[] {1510, 1640, 1},
                new double[] {1510, 1520, 101}, new double[] {1510, 1520, 0}, new double[] {1510, 1510, 1})) {
            assertThrows(IllegalArgumentException.class, () -> laser.sweep(sweep[0], sweep[1], sweep[2]));
        }
        assertFalse(laser.is_sweeping());
    }

    @Test
    void statusShowsEverything() {
        laser.on();
        laser.setWavelength(1555.5);

        Map<String, Object> status = laser.status();

        assertEquals(List.of("output", "wavelength_nm", "power_mw", "power_dbm", "sweeping"), List.copyOf(status.keySet()));
        assertEquals(true, status.get("output"));
        assertEquals(1555.5, status.get("wavelength_nm"));
        assertEquals(false, status.get("sweeping"));
    }

    @Test
    void onTheRealClockASweepTakesRealTime() throws Exception {
        SimLaserDriver real = new SimLaserDriver(TestParameters.defaults(SimLaserDriver.Parameters.class));
        real.on();
        long start = System.nanoTime();

        real.sweep(1550, 1560, 20);

        assertEquals(1560.0, real.sweep_wait(30), EPS);
        double seconds = SimClock.toSeconds(System.nanoTime() - start);
        assertTrue(seconds >= 0.45 && seconds < 20, "took " + seconds + " s");
        real.close();
    }
}
