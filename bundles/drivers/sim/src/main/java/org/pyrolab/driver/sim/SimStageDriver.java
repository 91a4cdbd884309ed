package org.pyrolab.driver.sim;

import java.util.concurrent.TimeoutException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.pyrolab.api.Driver;
import org.pyrolab.api.DriverContext;
import org.pyrolab.api.DriverType;
import org.pyrolab.api.Expose;

/**
 * A simulated single-axis motorized stage in the manner of a Thorlabs KDC101 with a Z825 actuator.
 * Moves return at once and take the time a trapezoid velocity profile takes; wait for them with
 * {@link #wait_for_move} or end them with {@link #stop}. The position is computed from the clock,
 * so no thread runs while the stage moves.
 */
@Component(factory = Driver.FACTORY)
@DriverType(id = "sim.stage", description = "Simulated motorized stage (Thorlabs KDC101 style)", parameters = SimStageDriver.Parameters.class)
public class SimStageDriver implements Driver {

    /** The parameters of {@code sim.stage}; positions in mm, velocities in mm/s, accelerations in mm/s². */
    public @interface Parameters {
        /** The lowest position a move may go to. */
        double min_position() default 0.0;

        /** The highest position a move may go to. */
        double max_position() default 25.0;

        /** The highest velocity that may be set. */
        double max_velocity() default 2.6;

        /** The highest acceleration that may be set. */
        double max_acceleration() default 4.0;

        /** The velocity after start-up. */
        double velocity() default 2.0;

        /** The acceleration after start-up. */
        double acceleration() default 1.5;
    }

    private static final double HOME_POSITION = 0.0;

    private final double minPosition;
    private final double maxPosition;
    private final double maxVelocity;
    private final double maxAcceleration;
    private final Motion motion;

    private double velocity;
    private double acceleration;
    private Trajectory homing;
    private boolean homed;

    @Activate
    public SimStageDriver(Parameters parameters) {
        this(parameters, SimClock.SYSTEM);
    }

    SimStageDriver(Parameters parameters, SimClock clock) {
        this.motion = new Motion(clock, this, HOME_POSITION, "the stage move", "mm", "call stop() or wait_for_move() first");
        this.minPosition = parameters.min_position();
        this.maxPosition = parameters.max_position();
        this.maxVelocity = parameters.max_velocity();
        this.maxAcceleration = parameters.max_acceleration();
        if (!(minPosition < maxPosition)) {
            throw new IllegalArgumentException("min_position (" + minPosition + ") must be below max_position (" + maxPosition + ")");
        }
        Range.positive("max_velocity", maxVelocity, "mm/s");
        Range.positive("max_acceleration", maxAcceleration, "mm/s²");
        setVelocity(parameters.velocity());
        setAcceleration(parameters.acceleration());
    }

    @Override
    public void connect(DriverContext context) {
        context.logger().log(System.Logger.Level.INFO, "simulated stage {0} ready, travel {1} to {2} mm",
                context.serviceName(), minPosition, maxPosition);
    }

    @Override
    public void close() {
        stop();
    }

    /** Drives to the home position (0 mm) and marks the stage homed when it arrives. Returns at once. */
    @Expose
    public synchronized void home() {
        homing = startMove(HOME_POSITION);
        homed = false;
    }

    /** Starts a move to an absolute position in mm. Returns at once. */
    @Expose
    public synchronized void move_to(double position) {
        Range.between("target position", position, minPosition, maxPosition, "mm");
        startMove(position);
    }

    /** Starts a move by a distance in mm from where the stage is. Returns at once. */
    @Expose
    public synchronized void move_by(double distance) {
        move_to(motion.value() + distance);
    }

    /** Ends the current move where the stage is now (an abrupt stop). */
    @Expose
    public synchronized void stop() {
        motion.stop();
    }

    /**
     * Waits until the current move ends, or is stopped, and returns the position in mm.
     *
     * @param timeout the longest wait in seconds
     */
    @Expose
    public synchronized double wait_for_move(double timeout) throws InterruptedException, TimeoutException {
        return motion.await(timeout);
    }

    @Expose
    public synchronized boolean is_moving() {
        return motion.isRunning();
    }

    /** Whether the last {@link #home} ran to its end; a stopped homing leaves the stage unhomed. */
    @Expose
    public synchronized boolean is_homed() {
        noteHomingDone();
        return homed;
    }

    /** The position in mm, also while moving. */
    @Expose
    public synchronized double getPosition() {
        return motion.value();
    }

    /** The velocity in mm/s that moves started from now on use. */
    @Expose
    public synchronized double getVelocity() {
        return velocity;
    }

    @Expose
    public synchronized void setVelocity(double velocity) {
        Range.positiveUpTo("velocity", velocity, maxVelocity, "mm/s");
        this.velocity = velocity;
    }

    /** The acceleration in mm/s² that moves started from now on use. */
    @Expose
    public synchronized double getAcceleration() {
        return acceleration;
    }

    @Expose
    public synchronized void setAcceleration(double acceleration) {
        Range.positiveUpTo("acceleration", acceleration, maxAcceleration, "mm/s²");
        this.acceleration = acceleration;
    }

    private Trajectory startMove(double target) {
        noteHomingDone(); // before a new move replaces the last completed one
        Trajectory move = new TrapezoidMove(motion.value(), target, velocity, acceleration);
        motion.start(move);
        return move;
    }

    private void noteHomingDone() {
        homed |= homing != null && motion.lastCompleted() == homing;
    }

    @Override
    public String toString() {
        return "SimStageDriver[" + minPosition + " to " + maxPosition + " mm]";
    }
}
