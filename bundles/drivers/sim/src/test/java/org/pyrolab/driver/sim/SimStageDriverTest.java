package org.pyrolab.driver.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

class SimStageDriverTest {

    private static final double EPS = 1e-9;

    private final ManualClock clock = new ManualClock();

    /** A stage with velocity 2 mm/s and acceleration 1 mm/s², so moves have round durations. */
    private SimStageDriver stage() {
        return new SimStageDriver(TestParameters.of(SimStageDriver.Parameters.class,
                Map.of("velocity", 2.0, "acceleration", 1.0)), clock);
    }

    @Test
    void aMoveTakesTheTimeOfItsTrapezoid() {
        SimStageDriver stage = stage();

        stage.move_to(10);
        assertTrue(stage.is_moving());
        clock.advance(3.5);
        assertEquals(5.0, stage.getPosition(), EPS);
        clock.advance(3.49);
        assertTrue(stage.is_moving());
        clock.advance(0.02);
        assertFalse(stage.is_moving());
        assertEquals(10.0, stage.getPosition(), EPS);
    }

    @Test
    void waitForMoveReturnsWhenTheStageArrives() throws Exception {
        SimStageDriver stage = stage();
        long before = clock.nanoTime();

        stage.move_to(10);

        assertEquals(10.0, stage.wait_for_move(60), EPS);
        assertEquals(7.0, SimClock.toSeconds(clock.nanoTime() - before), 1e-6);
    }

    @Test
    void waitForMoveEndsWhenTheDurationIsNoWholeNumberOfNanoseconds() throws Exception {
        SimStageDriver stage = new SimStageDriver(TestParameters.defaults(SimStageDriver.Parameters.class), clock);

        stage.move_to(0.5); // 2 * sqrt(1/3) s

        assertEquals(0.5, stage.wait_for_move(60), EPS);
    }

    @Test
    void waitForMoveGivesUpAtItsTimeout() {
        SimStageDriver stage = stage();
        stage.move_to(10);

        TimeoutException e = assertThrows(TimeoutException.class, () -> stage.wait_for_move(1.0));

        assertTrue(e.getMessage().contains("still running after 1.0 s"), e.getMessage());
        assertTrue(stage.is_moving());
    }

    @Test
    void stopEndsTheMoveWhereTheStageIs() {
        SimStageDriver stage = stage();
        stage.move_to(10);
        clock.advance(1);

        stage.stop();
        clock.advance(10);

        assertFalse(stage.is_moving());
        assertEquals(0.5, stage.getPosition(), EPS);
    }

    @Test
    void movesBeyondTheSoftLimitsAreRefused() {
        SimStageDriver stage = stage();

        IllegalArgumentException far = assertThrows(IllegalArgumentException.class, () -> stage.move_to(30));
        assertThrows(IllegalArgumentException.class, () -> stage.move_by(-0.1));

        assertEquals("target position 30.0 mm is out of range: it must be between 0.0 and 25.0 mm", far.getMessage());
        assertFalse(stage.is_moving());
    }

    @Test
    void moveByIsRelativeToWhereTheStageIs() throws Exception {
        SimStageDriver stage = stage();
        stage.move_to(5);
        stage.wait_for_move(60);

        stage.move_by(2.5);

        assertEquals(7.5, stage.wait_for_move(60), EPS);
    }

    @Test
    void aNewMoveIsRefusedWhileMoving() {
        SimStageDriver stage = stage();
        stage.move_to(10);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> stage.move_to(3));

        assertTrue(e.getMessage().contains("call stop() or wait_for_move() first"), e.getMessage());
    }

    @Test
    void homingMarksTheStageHomedOnlyWhenItArrives() throws Exception {
        SimStageDriver stage = stage();
        stage.move_to(5);
        stage.wait_for_move(60);

        stage.home();
        clock.advance(1);
        assertFalse(stage.is_homed());
        stage.stop();
        assertFalse(stage.is_homed());

        stage.home();
        assertEquals(0.0, stage.wait_for_move(60), EPS);
        stage.move_to(3);
        stage.wait_for_move(60);
        assertTrue(stage.is_homed());
    }

    @Test
    void velocityAndAccelerationAreLimited() {
        SimStageDriver stage = stage();

        assertThrows(IllegalArgumentException.class, () -> stage.setVelocity(3.0));
        assertThrows(IllegalArgumentException.class, () -> stage.setVelocity(0));
        assertThrows(IllegalArgumentException.class, () -> stage.setAcceleration(-1));
        stage.setVelocity(2.6);

        assertEquals(2.6, stage.getVelocity(), EPS);
        assertEquals(1.0, stage.getAcceleration(), EPS);
    }

    @Test
    void inconsistentLimitsAreRefusedAtStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SimStageDriver(
                TestParameters.of(SimStageDriver.Parameters.class, Map.of("min_position", 5.0, "max_position", 5.0))));

        assertTrue(e.getMessage().contains("min_position"), e.getMessage());
    }

    @Test
    void onTheRealClockAMoveTakesRealTime() throws Exception {
        SimStageDriver stage = new SimStageDriver(TestParameters.defaults(SimStageDriver.Parameters.class));
        long start = System.nanoTime();

        stage.move_to(0.5); // about 1.15 s at the default 2 mm/s and 1.5 mm/s²

        assertEquals(0.5, stage.wait_for_move(30), EPS);
        double seconds = SimClock.toSeconds(System.nanoTime() - start);
        assertTrue(seconds >= 1.0 && seconds < 20, "took " + seconds + " s");
    }

    @Test
    void stopFromAnotherThreadReleasesAWaiter() throws Exception {
        SimStageDriver stage = new SimStageDriver(TestParameters.defaults(SimStageDriver.Parameters.class));
        ScheduledExecutorService other = Executors.newSingleThreadScheduledExecutor();
        try {
            stage.move_to(20); // about 11 s
            other.schedule(stage::stop, 200, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();

            double position = stage.wait_for_move(30);

            assertTrue(SimClock.toSeconds(System.nanoTime() - start) < 8);
            assertTrue(position > 0 && position < 20, "stopped at " + position);
            assertFalse(stage.is_moving());
        } finally {
            other.shutdownNow();
            stage.close();
        }
    }
}
