package dev.ballast.engine.internal.reconcile;

import dev.ballast.engine.internal.compile.ScalingRequests;
import dev.ballast.spec.VariantEndpointSpec;
import software.amazon.awssdk.services.sagemaker.model.DeleteModelRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;

import dev.ballast.plan.ApiCall;
import dev.ballast.plan.AwaitState;
import dev.ballast.plan.AwsService;
import dev.ballast.plan.Plan;
import dev.ballast.plan.PlanStep;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.ComponentSpec;

/**
 * Plans the deletion of what a spec created, in the order SageMaker needs: the adapters (a base
 * with adapters cannot go), the other components (an endpoint with components cannot go), the endpoint, its configurations, then the alarms — each
 * delete followed by a wait until the resource is gone. Only what exists is deleted.
 */
public final class Teardown {

    private Teardown() {
    }

    public static Plan plan(ComponentEndpointSpec spec, Observed observed) {
        List<PlanStep> steps = new ArrayList<>(deregister(observed));
        // Adapters first: SageMaker refuses to delete a base that adapters still depend on.
        Map<String, Optional<DescribeInferenceComponentResponse>> ordered =
                new LinkedHashMap<>();
        observed.components().forEach((name, c) -> {
            if (isAdapter(spec, name, c)) {
                ordered.put(name, c);
            }
        });
        observed.components().forEach(ordered::putIfAbsent);
        ordered.forEach((name, c) -> c.ifPresent(d -> {
            if (d.inferenceComponentStatusAsString().equals("Deleting")) {
                // Already going (a teardown that was interrupted): only wait for it.
                steps.add(new AwaitState("inference-component/" + name, "Gone", "the component is already being deleted"));
                return;
            }
            steps.add(new ApiCall(AwsService.SAGEMAKER, "DeleteInferenceComponent", "inference-component/" + name,
                    isAdapter(spec, name, c) ? "adapters go first: a base with adapters cannot be deleted"
                            : "components go first: an endpoint with components cannot be deleted",
                    DeleteInferenceComponentRequest.builder().inferenceComponentName(name).build(), Set.of()));
            steps.add(new AwaitState("inference-component/" + name, "Gone", "the component is deleted"));
        }));
        endpointAndConfigs(spec.name(), spec.endpointConfigName(), observed, steps);
        return new Plan("deletion of endpoint '" + spec.name() + "'", steps);
    }

    /** @return whether the component is an adapter, as the spec or SageMaker (its running specification) says */
    private static boolean isAdapter(ComponentEndpointSpec spec, String name,
                                     Optional<DescribeInferenceComponentResponse> running) {
        boolean declared = spec.component(name).map(ComponentSpec::isAdapter).orElse(false);
        return declared || running.map(d -> d.specification() != null && d.specification().baseInferenceComponentName() != null).orElse(false);
    }

    /** Auto scaling goes first, so that it does not scale what is being deleted; deregistering also deletes the policies. */
    static List<PlanStep> deregister(Observed observed) {
        List<PlanStep> steps = new ArrayList<>();
        observed.scaling().forEach((id, s) -> steps.add(ScalingRequests.deregister(new ScalingRequests.Scaled(id,
                s.target().scalableDimensionAsString(), id), "auto scaling goes first, so that it does not scale what is being deleted")));
        return steps;
    }

    /** The endpoint (waiting until it is gone), the configurations it used and the spec's, then the alarms. */
    static void endpointAndConfigs(String endpointName, String configName, Observed observed, List<PlanStep> steps) {
        Set<String> configs = new LinkedHashSet<>();
        observed.endpoint().ifPresent(e -> {
            if (e.endpointStatusAsString().equals("Deleting")) {
                steps.add(new AwaitState("endpoint/" + endpointName, "Gone", "the endpoint is already being deleted"));
                if (e.endpointConfigName() != null) {
                    configs.add(e.endpointConfigName());
                }
                return;
            }
            steps.add(new ApiCall(AwsService.SAGEMAKER, "DeleteEndpoint", "endpoint/" + endpointName,
                    observed.components().isEmpty() ? "the endpoint" : "the endpoint, once its components are gone",
                    DeleteEndpointRequest.builder().endpointName(endpointName).build(), Set.of()));
            steps.add(new AwaitState("endpoint/" + endpointName, "Gone", "the endpoint is deleted"));
            if (e.endpointConfigName() != null) {
                configs.add(e.endpointConfigName());
            }
        });
        if (observed.configExists()) {
            configs.add(configName);
        }
        // Older versions an interrupted update left behind go with the rest.
        configs.addAll(observed.versions().keySet());
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
    }

    /** Auto scaling, the endpoint, its configurations, the rollback alarms, then the spec's models that exist. */
    public static Plan plan(VariantEndpointSpec spec, VariantEndpointObserved observed) {
        List<PlanStep> steps = new ArrayList<>(deregister(observed.endpoint()));
        endpointAndConfigs(spec.name(), spec.endpointConfigName(), observed.endpoint(), steps);
        observed.models().forEach((name, m) -> m.ifPresent(x -> steps.add(new ApiCall(AwsService.SAGEMAKER, "DeleteModel", "model/" + name,
                "the spec's model, once no endpoint of the spec uses it", DeleteModelRequest.builder().modelName(name).build(), Set.of()))));
        return new Plan("deletion of endpoint '" + spec.name() + "'", steps);
    }
}
