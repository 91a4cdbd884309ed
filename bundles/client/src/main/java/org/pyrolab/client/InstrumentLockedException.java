package org.pyrolab.client;

/** A call was refused because someone else holds the instrument's lock. */
public class InstrumentLockedException extends RemoteException {

    private static final long serialVersionUID = 1L;

    private final String holder;

    public InstrumentLockedException(String type, String remoteMessage, String remoteTraceback, String holder) {
        super(type, remoteMessage, remoteTraceback);
        this.holder = holder;
    }

    /** The user name the holder gave to {@code lock(user)}. */
    public String holder() {
        return holder;
    }
}
