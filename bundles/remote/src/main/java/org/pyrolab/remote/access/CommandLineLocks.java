package org.pyrolab.remote.access;

import java.util.function.BiFunction;

import org.pyrolab.api.lab.LockChange;
import org.pyrolab.api.lab.LockHolder;
import org.pyrolab.invoke.CallGuard;
import org.pyrolab.remote.lock.LockGuard;
import org.pyrolab.remote.lock.LockInfo;
import org.pyrolab.remote.lock.LockManager;
import org.pyrolab.remote.lock.LockedException;

/**
 * Instrument locks as {@code pyrolab lock}, {@code unlock} and {@code call} take them: in the
 * lock table of the endpoint that serves the service, so the command line and Pyro5 clients
 * exclude each other. The command line has no connection; all its locks of one user share one holder.
 */
public final class CommandLineLocks {

    private static final String CLI = "cli:";

    /** (service, required) → the lock table of the endpoint serving it; null when none and not required. */
    private final BiFunction<String, Boolean, LockManager> locksOf;

    CommandLineLocks(BiFunction<String, Boolean, LockManager> locksOf) {
        this.locksOf = locksOf;
    }

    public LockHolder holder(String service) {
        LockManager locks = locksOf.apply(service, false);
        return locks == null ? null : locks.holder(service).map(CommandLineLocks::holder).orElse(null);
    }

    public LockChange lock(String service, String user) {
        LockManager locks = locksOf.apply(service, true);
        try {
            locks.lock(service, user, "localhost", CLI + user, LockManager.NO_EXPIRY);
        } catch (LockedException x) {
            return new LockChange(LockChange.Outcome.HELD, holder(x.holder()));
        }
        return new LockChange(LockChange.Outcome.LOCKED, locks.holder(service).map(CommandLineLocks::holder).orElse(null));
    }

    public LockChange unlock(String service, String user, boolean force) {
        LockManager locks = locksOf.apply(service, true);
        if (force) {
            return locks.forceUnlock(service).map(h -> new LockChange(LockChange.Outcome.BROKEN, holder(h)))
                    .orElse(new LockChange(LockChange.Outcome.NOT_LOCKED, null));
        }
        try {
            return new LockChange(locks.unlock(service, CLI + user) ? LockChange.Outcome.UNLOCKED : LockChange.Outcome.NOT_LOCKED, null);
        } catch (LockedException x) {
            return new LockChange(LockChange.Outcome.HELD, holder(x.holder()));
        }
    }

    /**
     * Admits {@code pyrolab call} of {@code method} on {@code service} for {@code user}: a service
     * served on an endpoint obeys its lock there, the command line holding it as {@code pyrolab lock} does.
     */
    public CallGuard.Pass enter(String service, String method, String user) {
        LockManager locks = locksOf.apply(service, false);
        return locks == null ? CallGuard.Pass.NOTHING : new LockGuard(locks).enter(service, method, CLI + user);
    }

    private static LockHolder holder(LockInfo h) {
        return new LockHolder(h.user(), h.host(), h.since());
    }
}
