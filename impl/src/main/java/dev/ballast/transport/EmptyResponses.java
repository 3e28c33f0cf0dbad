package dev.ballast.transport;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Builds an empty but valid response of the type that answers a request: {@code XyzRequest} is
 * answered by {@code XyzResponse.builder().build()}, as every AWS SDK v2 service model defines.
 * The builder's static factory is looked up once per request type.
 */
final class EmptyResponses {

    private final Map<Class<?>, java.lang.reflect.Method> factories = new ConcurrentHashMap<>();

    /**
     * @return the empty response for the request's type
     * @throws UnsupportedOperationException if the request type has no response type of the SDK's naming
     */
    SdkResponse forRequest(SdkRequest request) {
        java.lang.reflect.Method builder = factories.computeIfAbsent(request.getClass(), EmptyResponses::builderFactory);
        try {
            Object built = ((SdkBuilder<?, ?>) builder.invoke(null)).build();
            return (SdkResponse) built;
        } catch (IllegalAccessException | InvocationTargetException | ClassCastException e) {
            throw new UnsupportedOperationException("Cannot build an empty response for " + request.getClass().getName(), e);
        }
    }

    private static java.lang.reflect.Method builderFactory(Class<?> requestType) {
        String name = requestType.getName();
        if (!name.endsWith("Request")) {
            throw new UnsupportedOperationException("A dry run cannot answer " + name + ": its name does not end in Request");
        }
        String responseName = name.substring(0, name.length() - "Request".length()) + "Response";
        try {
            Class<?> responseType = Class.forName(responseName, false, requestType.getClassLoader());
            if (!SdkResponse.class.isAssignableFrom(responseType)) {
                throw new UnsupportedOperationException("A dry run cannot answer " + name + ": " + responseName
                        + " is not an SDK response");
            }
            return responseType.getMethod("builder");
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new UnsupportedOperationException("A dry run cannot answer " + name + ": no " + responseName
                    + " with a builder()", e);
        }
    }
}
