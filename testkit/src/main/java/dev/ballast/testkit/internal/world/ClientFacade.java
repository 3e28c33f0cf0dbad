package dev.ballast.testkit.internal.world;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

/**
 * A plain AWS SDK client interface ({@code SageMakerClient}, {@code CloudWatchClient}, ...) over
 * the fake world, as one dynamic proxy: every operation method hands its request to
 * {@link World#execute}, so an operation the world serves works without a line here, and one it
 * does not serve fails with a message naming it and the operations that are served (the SDK's
 * own default would be a bare {@link UnsupportedOperationException}). The interfaces' default
 * methods (the {@code Consumer<Builder>} overloads, paginators) run as written and so end in the
 * same operation methods.
 */
final class ClientFacade implements InvocationHandler {

    private final Class<? extends SdkClient> type;
    private final String serviceName;
    private final World world;

    private ClientFacade(Class<? extends SdkClient> type, String serviceName, World world) {
        this.type = type;
        this.serviceName = serviceName;
        this.world = world;
    }

    /**
     * @param type the SDK client interface
     * @param serviceName what {@code serviceName()} answers (the interface's {@code SERVICE_NAME})
     * @param world the world every request goes to
     * @return the client
     */
    static <C extends SdkClient> C of(Class<C> type, String serviceName, World world) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                new ClientFacade(type, serviceName, world)));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        int arity = args == null ? 0 : args.length;
        switch (method.getName()) {
            case "serviceName":
                if (arity == 0) {
                    return serviceName;
                }
                break;
            case "close":
                if (arity == 0) {
                    return null; // nothing to release: the world outlives its clients
                }
                break;
            case "toString":
                if (arity == 0) {
                    return "Fake" + type.getSimpleName();
                }
                break;
            case "hashCode":
                if (arity == 0) {
                    return System.identityHashCode(proxy);
                }
                break;
            case "equals":
                if (arity == 1) {
                    return proxy == args[0];
                }
                break;
            default:
                break;
        }
        if (arity == 1 && args[0] instanceof SdkRequest request
                && SdkResponse.class.isAssignableFrom(method.getReturnType())) {
            return world.execute(request);
        }
        if (method.isDefault()) {
            try {
                return InvocationHandler.invokeDefault(proxy, method, args);
            } catch (UnsupportedOperationException e) {
                if (e.getMessage() != null) {
                    throw e;
                }
                // the interface's own bare default (waiter(), serviceClientConfiguration()): say what
            }
        }
        throw new UnsupportedOperationException("The fake's " + type.getSimpleName() + " does not offer "
                + method.getName() + "(..); it serves " + world.servedOperations(type.getPackageName() + ".model"));
    }
}
