package org.pyrolab.driver.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TrajectoryTest {

    private static final double EPS = 1e-9;

    @Test
    void longMoveAcceleratesCruisesAndDecelerates() {
        TrapezoidMove move = new TrapezoidMove(0, 10, 2, 1);

        assertEquals(7.0, move.duration(), EPS); // 2 s ramp up, 3 s at 2 mm/s, 2 s ramp down
        assertEquals(0.5, move.valueAt(1), EPS);
        assertEquals(2.0, move.valueAt(2), EPS);
        assertEquals(5.0, move.valueAt(3.5), EPS);
        assertEquals(9.5, move.valueAt(6), EPS);
        assertEquals(10.0, move.valueAt(7), EPS);
        assertEquals(10.0, move.valueAt(100), EPS);
        assertEquals(0.0, move.valueAt(-1), EPS);
    }

    @Test
    void shortMoveNeverReachesTheVelocity() {
        TrapezoidMove move = new TrapezoidMove(0, 1, 2, 1);

        assertEquals(2.0, move.duration(), EPS);
        assertEquals(0.5, move.valueAt(1), EPS);
        assertEquals(0.875, move.valueAt(1.5), EPS);
    }

    @Test
    void movesBackwardsTakeTheSameTime() {
        TrapezoidMove move = new TrapezoidMove(10, 0, 2, 1);

        assertEquals(7.0, move.duration(), EPS);
        assertEquals(9.5, move.valueAt(1), EPS);
    }

    @Test
    void aMoveToWhereTheStageIsTakesNoTime() {
        assertEquals(0.0, new TrapezoidMove(3, 3, 2, 1).duration(), EPS);
    }

    @Test
    void sweepsGoAtConstantSpeedBothWays() {
        LinearSweep up = new LinearSweep(1510, 1530, 10);
        LinearSweep down = new LinearSweep(1530, 1510, 10);

        assertEquals(2.0, up.duration(), EPS);
        assertEquals(1520.0, up.valueAt(1), EPS);
        assertEquals(1525.0, down.valueAt(0.5), EPS);
        assertEquals(1510.0, down.valueAt(3), EPS);
    }
}
