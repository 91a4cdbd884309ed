package org.pyrolab.daemon.registry;

import java.util.List;

import org.pyrolab.api.Caller;
import org.pyrolab.api.Driver;
import org.pyrolab.invoke.CallGuard;
import org.pyrolab.invoke.Invocation;

/**
 * {@code pyrolab call NAME METHOD ARGS...}: calls an exposed method of a running driver from the
 * command line, as the local user. The values (parsed by {@code CommandLineValues}) go through
 * the invocation module like a Pyro5 client's arguments, and through the same lock check.
 */
final class LocalCall {
    private static final Caller LOCAL = new Caller() {
        @Override
        public String user() {
            return System.getProperty("user.name");
        }

        @Override
        public String host() {
            return "localhost";
        }

        @Override
        public String connection() {
            return "cli";
        }
    };

    private LocalCall() {
    }

    /** Calls {@code method} (its Java name: accessors too) of service {@code service}'s driver. */
    static Object invoke(Driver driver, String service, String method, List<Object> args, CallGuard guard) throws Exception {
        return Invocation.callByJavaName(driver, service, method, args, LOCAL, guard);
    }
}
