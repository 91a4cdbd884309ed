package org.pyrolab.invoke;

import org.pyrolab.api.Caller;

/**
 * What admits a call before it runs: the instrument lock. The lock itself lives with the remote
 * bundle (its {@code LockManager}); the endpoint and {@code pyrolab call} both pass their calls
 * through a guard so that a lock means the same for both.
 */
@FunctionalInterface
public interface CallGuard {

    /** Lets every call through. */
    CallGuard NONE = (target, method, caller) -> Pass.NOTHING;

    /**
     * Admits {@code caller}'s call of {@code method} on {@code target} (a service or object id), or
     * throws saying why not (someone else holds the lock). The call and the check start as one step.
     *
     * @return what the caller closes when the call has returned
     */
    Pass enter(String target, String method, Caller caller);

    /** A call admitted by a guard; closing it ends the call (the lock's lease counts again). */
    @FunctionalInterface
    interface Pass extends AutoCloseable {

        Pass NOTHING = () -> { };

        @Override
        void close();
    }
}
