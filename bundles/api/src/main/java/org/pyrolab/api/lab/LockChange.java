package org.pyrolab.api.lab;

/**
 * What {@link RemoteAccess#lock} or {@link RemoteAccess#unlock} came to; the shell words it.
 *
 * @param outcome what happened
 * @param holder  {@link Outcome#LOCKED}: the new holder; {@link Outcome#BROKEN}: who held it;
 *                {@link Outcome#HELD}: who holds it instead; otherwise null
 */
public record LockChange(Outcome outcome, LockHolder holder) {

    public enum Outcome {
        /** Locked for the caller. */
        LOCKED,
        /** The caller's lock is released. */
        UNLOCKED,
        /** Someone's lock was broken ({@code unlock --force}). */
        BROKEN,
        /** It was not locked: nothing changed. */
        NOT_LOCKED,
        /** Someone else holds it: nothing changed (a failure for the caller). */
        HELD
    }
}
