package org.pyrolab.remote.lock;

import java.util.Set;

import org.pyrolab.api.Caller;
import org.pyrolab.invoke.CallGuard;

/**
 * The instrument lock as the invocation module's {@link CallGuard}: a call from anyone but the
 * holder is refused, and the check and the start of the call are one step
 * ({@link LockManager#enter}). {@code ping}, {@code islocked} and {@code lockinfo} pass while
 * someone else holds the lock, and renew the holder's lease when the holder calls them.
 */
public final class LockGuard implements CallGuard {

    /** Names that work while someone else holds the lock (monitors may still look). */
    public static final Set<String> FREE_WHEN_LOCKED = Set.of("ping", "islocked", "lockinfo");

    private final LockManager locks;

    public LockGuard(LockManager locks) {
        this.locks = locks;
    }

    @Override
    public Pass enter(String target, String method, Caller caller) {
        return enter(target, method, caller.connection());
    }

    /** Admits a call from {@code connection} (the lock holder's key: a Pyro connection, or {@code cli:USER}). */
    public Pass enter(String target, String method, String connection) {
        if (FREE_WHEN_LOCKED.contains(method)) {
            locks.renew(target, connection); // the holder's ping keeps its lease alive
            return Pass.NOTHING;
        }
        locks.enter(target, connection);
        return () -> locks.exit(target, connection);
    }
}
