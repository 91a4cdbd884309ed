package org.pyrolab.client;

import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Map;

import org.pyrolab.invoke.ArgumentMismatchException;
import org.pyrolab.invoke.Conversion;
import org.pyrolab.invoke.OutgoingValues;

/** Dispatches a proxy's calls: Instrument methods locally, default methods as written, the rest remotely. */
final class TypedHandler implements InvocationHandler {

    private final Connection connection;
    private final RemoteInstrument instrument;
    private final Binding binding;

    TypedHandler(Connection connection, Binding binding) {
        this.connection = connection;
        this.instrument = new RemoteInstrument(connection);
        this.binding = binding;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> instrument.toString();
            };
        }
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        try {
            return Binding.isInstrumentMethod(method) ? callInstrument(method, args) : callRemote(method, args);
        } catch (UncheckedIOException e) {
            // a method of yours that declares IOException gets the checked exception
            if (declares(method, e.getCause().getClass())) {
                throw e.getCause();
            }
            throw e;
        }
    }

    private Object callInstrument(Method method, Object[] args) throws Throwable {
        try {
            return Instrument.class.getMethod(method.getName(), method.getParameterTypes()).invoke(instrument, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private Object callRemote(Method method, Object[] args) {
        Binding.Op op = binding.op(method);
        Object[] written = Arrays.stream(args == null ? new Object[0] : args).map(OutgoingValues::write).toArray();
        Object result = switch (op.kind()) {
            case CALL -> connection.call(op.remoteName(), written, Map.of());
            case ONEWAY -> {
                connection.callOneway(op.remoteName(), written, Map.of());
                yield null;
            }
            case GET -> connection.get(op.remoteName());
            case SET -> {
                connection.set(op.remoteName(), written[0]);
                yield null;
            }
        };
        try {
            return result(result, method.getGenericReturnType());
        } catch (ArgumentMismatchException e) {
            throw (ClassCastException) new ClassCastException(connection.name() + "." + op.remoteName()
                    + " returned a value " + method.getName() + "() cannot return: " + e.getMessage()).initCause(e);
        }
    }

    /** The result as the declared type, by the invocation module's rules; the engine's URI object becomes ours. */
    private static Object result(Object decoded, Type declared) {
        return Conversion.toJava(Values.result(decoded), declared);
    }

    private static boolean declares(Method method, Class<?> exception) {
        for (Class<?> declared : method.getExceptionTypes()) {
            if (declared.isAssignableFrom(exception)) {
                return true;
            }
        }
        return false;
    }
}
