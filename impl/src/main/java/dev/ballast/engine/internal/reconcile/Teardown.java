package dev.ballast.engine.internal.reconcile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteInferenceComponentRequest;

import dev.ballast.plan.ApiCall;
import dev.ballast.plan.AwaitState;
import dev.ballast.plan.AwsService;
import dev.ballast.plan.Plan;
import dev.ballast.plan.PlanStep;
import dev.ballast.spec.EndpointSpec;

/**
 * Plans the deletion of what a spec created, in the order SageMaker needs: the components (an
 * endpoint with components cannot go), the endpoint, its configurations, then the alarms — each
 * delete followed by a wait until the resource is gone. Only what exists is deleted.
 */
public final class Teardown {

    private Teardown() {
    }

    public static Plan plan(EndpointSpec spec, Observed observed) {
        List<PlanStep> steps = new ArrayList<>();
        observed.components().forEach((name, c) -> c.ifPresent(d -> {
            if (d.inferenceComponentStatusAsString().equals("Deleting")) {
                // Already going (a teardown that was interrupted): only wait for it.
                steps.add(new AwaitState("inference-component/" + name, "Gone", "the component is already being deleted"));
                return;
            }
            steps.add(new ApiCall(AwsService.SAGEMAKER, "DeleteInferenceComponent", "inference-component/" + name,
                    "components go first: an endpoint with components cannot be deleted",
                    DeleteInferenceComponentRequest.builder().inferenceComponentName(name).build(), Set.of()));
            steps.add(new AwaitState("inference-component/" + name, "Gone", "the component is deleted"));
        }));
        Set<String> configs = new LinkedHashSet<>();
        observed.endpoint().ifPresent(e -> {
            if (e.endpointStatusAsString().equals("Deleting")) {
                steps.add(new AwaitState("endpoint/" + spec.name(), "Gone", "the endpoint is already being deleted"));
                if (e.endpointConfigName() != null) {
                    configs.add(e.endpointConfigName());
                }
                return;
            }
            steps.add(new ApiCall(AwsService.SAGEMAKER, "DeleteEndpoint", "endpoint/" + spec.name(), "the endpoint, once its components are gone",
                    DeleteEndpointRequest.builder().endpointName(spec.name()).build(), Set.of()));
            steps.add(new AwaitState("endpoint/" + spec.name(), "Gone", "the endpoint is deleted"));
            if (e.endpointConfigName() != null) {
                configs.add(e.endpointConfigName());
            }
        });
        if (observed.configExists()) {
            configs.add(spec.endpointConfigName());
        }
        for (String config : configs) {
            steps.add(new ApiCall(AwsService.SAGEMAKER, "DeleteEndpointConfig", "endpoint-config/" + config,
                    "the endpoint's configuration, once the endpoint is gone",
                    DeleteEndpointConfigRequest.builder().endpointConfigName(config).build(), Set.of()));
        }
        if (!observed.alarms().isEmpty()) {
            List<String> alarms = new ArrayList<>(observed.alarms().keySet());
            steps.add(new ApiCall(AwsService.CLOUDWATCH, "DeleteAlarms", "alarm/" + alarms.get(0), "the rollback alarms",
                    DeleteAlarmsRequest.builder().alarmNames(alarms).build(), Set.of()));
        }
        return new Plan("deletion of endpoint '" + spec.name() + "'", steps);
    }
}
