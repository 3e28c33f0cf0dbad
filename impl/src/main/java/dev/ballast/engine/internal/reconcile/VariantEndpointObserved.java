package dev.ballast.engine.internal.reconcile;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;

/**
 * What runs for an endpoint of model-based variants, as the Describe calls returned it.
 *
 * @param endpoint the endpoint, its configuration, rollback alarms and variants' auto scaling (no components)
 * @param models each model of the spec, by name, if it exists
 * @param runningConfig the configuration the endpoint runs, when it is not the spec's (and still exists)
 */
public record VariantEndpointObserved(Observed endpoint, Map<String, Optional<DescribeModelResponse>> models,
                            Optional<DescribeEndpointConfigResponse> runningConfig) {
}
