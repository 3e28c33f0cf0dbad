package dev.ballast.engine.internal.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointConfigRequest;

import dev.ballast.plan.ApiCall;
import dev.ballast.plan.AwsService;

/**
 * Configuration versions an interrupted update left behind: a process that died after its
 * {@code UpdateEndpoint} (or whose clean-up call was lost) never deleted the configuration the
 * endpoint ran before. Once the endpoint runs the spec's configuration in service, a version of
 * Ballast's naming for this endpoint ({@code <endpoint>-<8 hex>}) that is older than the running
 * one and that the endpoint does not use is such a leftover. Newer versions are left alone: they
 * may be another writer's next deployment.
 */
final class Leftovers {

    private Leftovers() {
    }

    static List<ApiCall> configs(String specConfig, Observed observed) {
        List<ApiCall> steps = new ArrayList<>();
        Instant running = observed.versions().get(specConfig);
        if (running == null) {
            return steps;
        }
        for (Map.Entry<String, Instant> v : observed.versions().entrySet()) {
            if (!v.getKey().equals(specConfig) && v.getValue() != null && v.getValue().isBefore(running)) {
                steps.add(new ApiCall(AwsService.SAGEMAKER, "DeleteEndpointConfig", "endpoint-config/" + v.getKey(),
                        "an older configuration version of the endpoint that nothing uses (left by an update whose clean-up did not run)",
                        DeleteEndpointConfigRequest.builder().endpointConfigName(v.getKey()).build(), java.util.Set.of()));
            }
        }
        return steps;
    }
}
