package org.pyrolab.invoke;

import java.time.Duration;

/**
 * How long a call of a driver method may run before its caller gets a timeout: the service's
 * {@code call_timeout} (seconds; 0 means no limit), the same for a Pyro5 client and {@code pyrolab call}.
 */
public final class CallTimeout {

    /** The configuration's default for {@code call_timeout}. */
    public static final double DEFAULT_SECONDS = 60.0;

    private CallTimeout() {
    }

    /** {@code seconds} as a duration; {@link Duration#ZERO} for no limit. */
    public static Duration of(double seconds) {
        if (seconds < 0 || Double.isNaN(seconds)) {
            throw new IllegalArgumentException("call_timeout must be 0 (no limit) or more seconds, not " + seconds);
        }
        return Double.isInfinite(seconds) ? Duration.ZERO : Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** Whether {@code timeout} (from {@link #of}) limits a call at all. */
    public static boolean limits(Duration timeout) {
        return timeout != null && !timeout.isZero();
    }
}
