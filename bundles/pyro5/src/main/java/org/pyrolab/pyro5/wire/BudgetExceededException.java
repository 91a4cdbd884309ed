package org.pyrolab.pyro5.wire;

/** A message needs more memory than the shared budget has left; it is refused, the server goes on. */
public class BudgetExceededException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    public BudgetExceededException(String message) {
        super(message);
    }
}
