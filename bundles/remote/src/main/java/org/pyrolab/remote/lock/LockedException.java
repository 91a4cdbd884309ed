package org.pyrolab.remote.lock;

import org.pyrolab.pyro5.serial.RemoteError;

/**
 * A call refused because another connection holds the lock. Python clients see
 * {@code ConnectionRefusedError("Pyro object is locked (by 'user')")}, the Python PyroLab wording.
 */
public class LockedException extends RemoteError {
    private static final long serialVersionUID = 1L;

    private final transient LockInfo holder;

    public LockedException(LockInfo holder) {
        super("builtins.ConnectionRefusedError", "Pyro object is locked (by '" + holder.user() + "')");
        this.holder = holder;
    }

    public LockInfo holder() {
        return holder;
    }
}
