package org.pyrolab.daemon.registry;

import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.osgi.service.component.ComponentInstance;
import org.pyrolab.api.Driver;
import org.pyrolab.api.DriverContext;
import org.pyrolab.daemon.config.LabConfig.ServiceSpec;
import org.pyrolab.daemon.config.ParameterSpec;

/**
 * The driver calls of a service's life: create the instance with its parameters, connect,
 * ping, close, dispose. Runs on worker threads without the supervisor's lock; its results
 * become events, and the state machine drops those of attempts it has abandoned.
 */
final class Lifecycle {
    private final DriverCalls calls;
    private final ServiceLogs logs;

    Lifecycle(DriverCalls calls, ServiceLogs logs) {
        this.calls = calls;
        this.logs = logs;
    }

    /** A running driver instance; compared by identity, so comparing states never calls driver code. */
    record Running(ComponentInstance<?> instance, Driver driver) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Running r && r.instance == instance && r.driver == driver;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(instance) * 31 + System.identityHashCode(driver);
        }
    }

    /** Instances made for instance modes session and percall, by their driver object. */
    private final Map<Object, Extra> extras = new ConcurrentHashMap<>();

    private record Extra(String service, Running running, long timeout) {
    }

    /**
     * Another instance of a running service, for a remote session or a single call: created and
     * connected like the service's own, closed by {@link #releaseExtra}.
     */
    Object extra(ServiceSpec spec, DriverEntry driver) {
        String name = spec.name();
        long timeout = Math.round(spec.timeoutSeconds() * 1000);
        // a lost instrument in an extra instance ends only that session or call
        DriverContext context = new Context(name, reason -> logs.logger(name).log(System.Logger.Level.WARNING,
                "an extra instance of " + name + " reported a failure: " + reason));
        try {
            Running running = open(name, driver, properties(spec, driver), context, timeout,
                    "closed an extra instance of " + name + " after its failed start");
            extras.put(running.driver(), new Extra(name, running, timeout));
            return running.driver();
        } catch (Exception e) {
            throw new IllegalStateException("cannot make another instance of " + name + ": " + DriverCalls.describe(e));
        }
    }

    void releaseExtra(Object driver) {
        Extra extra = extras.remove(driver);
        if (extra != null) {
            close(extra.service(), extra.running(), extra.timeout(), "closed an extra instance of " + extra.service());
        }
    }

    /** The service stopped: its extra instances end too. */
    void releaseExtras(String service) {
        extras.entrySet().stream().filter(e -> e.getValue().service().equals(service)).map(Map.Entry::getKey).toList()
                .forEach(this::releaseExtra);
    }

    /**
     * Creates and connects a service's instance; the result is the event to feed back.
     * {@code onFailure} receives what the running driver reports through its context.
     */
    Event open(Action.Open start, Consumer<String> onFailure) {
        String name = start.name();
        long timeout = Math.round(start.spec().timeoutSeconds() * 1000);
        Hashtable<String, Object> props;
        try {
            props = properties(start.spec(), start.driver());
        } catch (IllegalArgumentException e) { // a configuration mistake: retrying cannot help
            return new Event.OpenFailed(name, start.generation(), e.getMessage(), false, name + ": " + e.getMessage());
        }
        try {
            Running running = open(name, start.driver(), props, new Context(name, onFailure), timeout,
                    "closed " + name + " after its failed start");
            return new Event.Opened(name, start.generation(), running);
        } catch (Exception e) {
            String reason = DriverCalls.describe(e);
            return new Event.OpenFailed(name, start.generation(), reason, true, name + " failed to start: " + reason);
        }
    }

    /** Creates an instance with {@code props} and connects it; a failed connect closes what was made, then throws. */
    private Running open(String name, DriverEntry driver, Hashtable<String, Object> props, DriverContext context, long timeout,
            String closedAfterFailure) throws Exception {
        ComponentInstance<?> instance = calls.bounded("creating the driver", () -> driver.factory().newInstance(props), timeout);
        Running running = new Running(instance, (Driver) instance.getInstance());
        try {
            calls.bounded("connect", () -> {
                running.driver().connect(context);
                return null;
            }, timeout);
            return running;
        } catch (Exception e) {
            close(name, running, timeout, closedAfterFailure);
            throw e;
        }
    }

    /** Closes and disposes an instance, logging {@code done}; returns what went wrong, or null. */
    String close(String name, Running running, long timeout, String done) {
        String problem = null;
        try {
            calls.bounded("close", () -> {
                running.driver().close();
                return null;
            }, timeout);
        } catch (Exception e) {
            problem = e instanceof DriverCalls.Timeout ? e.getMessage() + "; the driver was abandoned" : "close failed: " + DriverCalls.describe(e);
        }
        try {
            calls.bounded("dispose", () -> {
                running.instance().dispose();
                return null;
            }, timeout);
        } catch (Exception e) {
            problem = problem != null ? problem : "dispose failed: " + DriverCalls.describe(e);
        }
        logs.logger(name).log(problem == null ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
                done + (problem == null ? "" : ": " + problem));
        return problem;
    }

    /** Pings a driver; returns what went wrong, or null. */
    String ping(Driver driver, long timeout) {
        try {
            calls.bounded("ping", () -> {
                driver.ping();
                return null;
            }, timeout);
            return null;
        } catch (Exception e) {
            return "ping failed: " + DriverCalls.describe(e);
        }
    }

    /**
     * The component properties of an instance: its parameters under the names DS reads them
     * by, and its service name. Checks them against what the driver declares, for drivers
     * installed after the configuration was read.
     */
    static Hashtable<String, Object> properties(ServiceSpec spec, DriverEntry driver) {
        Hashtable<String, Object> props = new Hashtable<>();
        Map<String, Object> given = spec.parameters();
        for (Map.Entry<String, Object> e : given.entrySet()) {
            ParameterSpec declared = driver.parameters().stream().filter(p -> p.name().equals(e.getKey())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("driver " + driver.id() + " has no parameter `" + e.getKey() + "`"));
            Object value = org.pyrolab.daemon.config.ParameterValues.convert(e.getValue(), declared.type());
            if (value == null) {
                throw new IllegalArgumentException("parameter `" + e.getKey() + "`: expected " + declared.typeName() + ", not `" + e.getValue() + "`");
            }
            props.put(DriverDeclaration.propertyName(e.getKey()), value instanceof List ? ((List<?>) value).toArray(new String[0]) : value);
        }
        for (ParameterSpec p : driver.parameters()) {
            if (p.required() && !given.containsKey(p.name())) {
                throw new IllegalArgumentException("missing required parameter `" + p.name() + "` (" + p.typeName() + ")");
            }
        }
        props.put(Driver.SERVICE_NAME, spec.name());
        return props;
    }

    /** What a running instance may ask of the daemon; {@code onFailure} decides what a lost instrument means. */
    private final class Context implements DriverContext {
        private final String name;
        private final System.Logger logger;
        private final Consumer<String> onFailure;

        Context(String name, Consumer<String> onFailure) {
            this.name = name;
            this.logger = logs.logger(name);
            this.onFailure = onFailure;
        }

        @Override
        public String serviceName() {
            return name;
        }

        @Override
        public System.Logger logger() {
            return logger;
        }

        @Override
        public void failed(String reason) {
            onFailure.accept(reason == null ? "the driver reported a failure" : reason);
        }
    }
}
