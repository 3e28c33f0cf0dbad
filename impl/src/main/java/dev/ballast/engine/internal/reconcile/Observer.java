package dev.ballast.engine.internal.reconcile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;

import dev.ballast.aws.internal.SdkErrors;
import dev.ballast.engine.internal.run.ResilientCaller;
import dev.ballast.spec.ComponentSpec;
import dev.ballast.spec.EndpointSpec;

/** Reads what runs through Describe calls; "not found" is a state here, not an error. */
public final class Observer {

    private final ResilientCaller calls;

    public Observer(ResilientCaller calls) {
        this.calls = calls;
    }

    /** @return the endpoint, the spec's configuration, components and alarms as they are now */
    public CompletableFuture<Observed> observe(EndpointSpec spec) {
        Map<String, Optional<DescribeInferenceComponentResponse>> components = new LinkedHashMap<>();
        return endpoint(spec.name()).thenCompose(endpoint -> endpointConfig(spec.endpointConfigName())
                .thenCompose(config -> components(spec, components)
                        .thenCompose(x -> alarms(alarmNames(spec)))
                        .thenApply(alarms -> new Observed(endpoint, config.isPresent(),
                                java.util.Collections.unmodifiableMap(components), alarms))));
    }

    private CompletableFuture<Void> components(EndpointSpec spec, Map<String, Optional<DescribeInferenceComponentResponse>> into) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (ComponentSpec c : spec.components()) {
            chain = chain.thenCompose(x -> component(c.name()).thenAccept(d -> into.put(c.name(), d)));
        }
        return chain;
    }

    /** @return every alarm name the spec defines, resolved */
    public static Set<String> alarmNames(EndpointSpec spec) {
        Set<String> names = new LinkedHashSet<>();
        spec.components().forEach(c -> names.addAll(spec.rollbackAlarmNames(c.name())));
        return names;
    }

    public CompletableFuture<Optional<DescribeEndpointResponse>> endpoint(String name) {
        return optional(DescribeEndpointRequest.builder().endpointName(name).build(), DescribeEndpointResponse.class);
    }

    public CompletableFuture<Optional<DescribeEndpointConfigResponse>> endpointConfig(String name) {
        return optional(DescribeEndpointConfigRequest.builder().endpointConfigName(name).build(), DescribeEndpointConfigResponse.class);
    }

    public CompletableFuture<Optional<DescribeInferenceComponentResponse>> component(String name) {
        return optional(DescribeInferenceComponentRequest.builder().inferenceComponentName(name).build(),
                DescribeInferenceComponentResponse.class);
    }

    /** @return the alarms of these names that exist (CloudWatch leaves unknown names out) */
    public CompletableFuture<Map<String, MetricAlarm>> alarms(Set<String> names) {
        if (names.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        List<String> list = new ArrayList<>(names);
        return calls.call(DescribeAlarmsRequest.builder().alarmNames(list).build(), DescribeAlarmsResponse.class)
                .thenApply(r -> {
                    Map<String, MetricAlarm> found = new LinkedHashMap<>();
                    r.metricAlarms().forEach(a -> found.put(a.alarmName(), a));
                    return found;
                });
    }

    private <R extends SdkResponse> CompletableFuture<Optional<R>> optional(SdkRequest request, Class<R> type) {
        return calls.call(request, type).handle((response, failure) -> {
            if (failure == null) {
                return Optional.of(response);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (SdkErrors.isNotFound(cause)) {
                return Optional.<R>empty();
            }
            throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
        });
    }
}
