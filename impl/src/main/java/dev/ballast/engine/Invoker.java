package dev.ballast.engine;

import dev.ballast.Invocation;
import dev.ballast.InvocationStream;
import dev.ballast.engine.internal.call.ResilientCaller;
import dev.ballast.engine.internal.stream.DefaultInvocationStream;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.EndpointSpec;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.spi.Scheduler;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;

/**
 * The engine's invocations of what runs (SageMaker Runtime): which component, variant or
 * container a call names, checked against the spec before anything is sent, then one
 * {@code InvokeEndpoint} under the engine's rate and retries, or an open response stream.
 */
final class Invoker {

    private final ResilientCaller calls;
    private final Scheduler scheduler;

    Invoker(ResilientCaller calls, Scheduler scheduler) {
        this.calls = calls;
        this.scheduler = scheduler;
    }

    Invocation invoke(EndpointSpec spec, String target, String jsonBody) {
        Target to = Target.of(spec, target);
        return invoke(spec.name(), to.component(), to.variant(), null, jsonBody);
    }

    Invocation invoke(VariantEndpointSpec spec, String jsonBody) {
        Objects.requireNonNull(spec, "spec");
        return invoke(spec.name(), null, null, null, jsonBody);
    }

    Invocation invokeContainer(VariantEndpointSpec spec, String containerHostname, String jsonBody) {
        requireDirectContainer(spec, containerHostname);
        return invoke(spec.name(), null, null, containerHostname, jsonBody);
    }

    InvocationStream invokeContainerStream(VariantEndpointSpec spec, String containerHostname, String jsonBody) {
        requireDirectContainer(spec, containerHostname);
        return invokeStream(spec.name(), null, null, containerHostname, jsonBody);
    }

    /** Refuses, before any call, a hostname that no model of the spec invoked directly has. */
    private static void requireDirectContainer(VariantEndpointSpec spec, String containerHostname) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(containerHostname, "containerHostname");
        List<String> hostnames = spec.variants().stream().flatMap(v -> v.model().stream())
                .filter(m -> m.executionMode().orElse(null) == dev.ballast.spec.ModelSpec.InferenceExecutionMode.DIRECT)
                .flatMap(m -> m.containers().stream()).flatMap(c -> c.hostname().stream()).distinct().toList();
        if (!hostnames.contains(containerHostname)) {
            throw new IllegalArgumentException("Endpoint '" + spec.name() + "' has no container '" + containerHostname
                    + "' invoked directly; it has " + hostnames);
        }
    }

    InvocationStream invokeStream(EndpointSpec spec, String target, String jsonBody) {
        Target to = Target.of(spec, target);
        return invokeStream(spec.name(), to.component(), to.variant(), null, jsonBody);
    }

    InvocationStream invokeStream(VariantEndpointSpec spec, String jsonBody) {
        Objects.requireNonNull(spec, "spec");
        return invokeStream(spec.name(), null, null, null, jsonBody);
    }

    /** Where an invocation of a named part goes: a component's header, or a target variant. */
    private record Target(String component, String variant) {
        static Target of(EndpointSpec spec, String target) {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(target, "target");
            if (spec instanceof ComponentEndpointSpec components) {
                return new Target(Planner.component(components, target).name(), null);
            }
            VariantEndpointSpec variants = (VariantEndpointSpec) spec;
            if (variants.variant(target).isEmpty()) {
                throw new IllegalArgumentException("Endpoint '" + spec.name() + "' has no variant '" + target + "'; it has "
                        + variants.variants().stream().map(dev.ballast.spec.VariantSpec::name).toList());
            }
            return new Target(null, target);
        }
    }

    private InvocationStream invokeStream(String endpointName, String componentName, String targetVariant, String targetContainer,
                                          String jsonBody) {
        Objects.requireNonNull(jsonBody, "jsonBody");
        InvokeEndpointWithResponseStreamRequest request = InvokeEndpointWithResponseStreamRequest.builder()
                .endpointName(endpointName)
                .inferenceComponentName(componentName)
                .targetVariant(targetVariant)
                .targetContainerHostname(targetContainer)
                .contentType("application/json")
                .accept("application/json")
                .body(SdkBytes.fromUtf8String(jsonBody))
                .build();
        return new DefaultInvocationStream(scheduler.await(calls.stream(request)), request, scheduler);
    }

    private Invocation invoke(String endpointName, String componentName, String targetVariant, String targetContainer,
                              String jsonBody) {
        Objects.requireNonNull(jsonBody, "jsonBody");
        InvokeEndpointRequest request =
                InvokeEndpointRequest.builder()
                        .endpointName(endpointName)
                        .inferenceComponentName(componentName)
                        .targetVariant(targetVariant)
                        .targetContainerHostname(targetContainer)
                        .contentType("application/json")
                        .accept("application/json")
                        .body(SdkBytes.fromUtf8String(jsonBody))
                        .build();
        InvokeEndpointResponse response = scheduler.await(calls.call(request,
                InvokeEndpointResponse.class));
        return new Invocation(response.body().asUtf8String(), Optional.ofNullable(response.contentType()),
                Optional.ofNullable(response.invokedProductionVariant()));
    }
}
