package dev.ballast.engine.internal.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;

/**
 * What runs, as the Describe calls returned it: the endpoint, whether the spec's endpoint
 * configuration exists, each of the spec's components, and its alarms.
 *
 * @param endpoint the endpoint, if it exists
 * @param configExists whether the endpoint configuration the spec needs already exists
 * @param components each component of the spec, by name, in the spec's order, if it exists
 * @param alarms each alarm of the spec that exists, by name
 * @param scaling each auto-scaled resource's registration and policies, by Application Auto Scaling
 *     resource id, if registered
 * @param versions the endpoint's configuration versions of Ballast's naming ({@code <endpoint>-<8 hex>})
 *     with their creation times, read only when the endpoint runs the spec's configuration in
 *     service (the only time one of them may be left over); empty otherwise
 */
public record Observed(Optional<DescribeEndpointResponse> endpoint, boolean configExists,
                       Map<String, Optional<DescribeInferenceComponentResponse>> components, Map<String, MetricAlarm> alarms,
                       Map<String, ScalingObserved> scaling, Map<String, Instant> versions) {

    /** An observation without configuration versions. */
    public Observed(Optional<DescribeEndpointResponse> endpoint, boolean configExists,
                    Map<String, Optional<DescribeInferenceComponentResponse>> components, Map<String, MetricAlarm> alarms,
                    Map<String, ScalingObserved> scaling) {
        this(endpoint, configExists, components, alarms, scaling, Map.of());
    }

    /** @return the resources being created or updated right now, as {@code endpoint/..} or {@code inference-component/..} */
    public List<String> inFlight() {
        List<String> busy = new ArrayList<>();
        endpoint.filter(e -> isBusy(e.endpointStatusAsString()))
                .ifPresent(e -> busy.add("endpoint/" + e.endpointName()));
        components.forEach((name, c) -> c.filter(d -> isBusy(d.inferenceComponentStatusAsString()))
                .ifPresent(d -> busy.add("inference-component/" + name)));
        return busy;
    }

    private static boolean isBusy(String status) {
        return status.equals("Creating") || status.equals("Updating") || status.equals("SystemUpdating")
                || status.equals("RollingBack");
    }

    /** @return the same observation with these alarms too */
    public Observed withAlarms(Map<String, MetricAlarm> more) {
        Map<String, MetricAlarm> all = new java.util.LinkedHashMap<>(alarms);
        all.putAll(more);
        return new Observed(endpoint, configExists, components, java.util.Collections.unmodifiableMap(all), scaling, versions);
    }
}
