package dev.ballast.engine.internal.reconcile;

import dev.ballast.plan.ApiCall;
import dev.ballast.plan.AwsService;
import dev.ballast.plan.Plan;
import dev.ballast.plan.PlanStep;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;

/**
 * What an apply that did not finish left behind — a crash or a lost answer between two calls: a
 * configuration version created for an update that never came, or the old version an update
 * replaced but never got to delete. The next plan of the endpoint deletes every configuration
 * version of Ballast's naming that the endpoint neither runs nor is moving to, nor the spec needs;
 * a configuration of any other name is never touched.
 */
public final class LeftBehind {

    private LeftBehind() {
    }

    /**
     * @param plan the plan of what differs
     * @param endpoint the endpoint as it is, if it exists
     * @param specConfig the configuration version the spec needs
     * @param versions the endpoint's configuration versions that exist
     * @return the plan with a deletion of each version left behind appended
     */
    public static Plan cleanUp(Plan plan, Optional<DescribeEndpointResponse> endpoint, String specConfig, List<String> versions) {
        Set<String> kept = new HashSet<>();
        kept.add(specConfig);
        endpoint.ifPresent(e -> {
            kept.add(e.endpointConfigName());
            if (e.pendingDeploymentSummary() != null) {
                kept.add(e.pendingDeploymentSummary().endpointConfigName());
            }
        });
        plan.calls().stream().filter(c -> c.operation().equals("DeleteEndpointConfig"))
                .forEach(c -> kept.add(c.resource().substring(c.resource().indexOf('/') + 1)));
        List<PlanStep> steps = new ArrayList<>(plan.steps());
        for (String version : versions) {
            if (!kept.contains(version)) {
                steps.add(new ApiCall(AwsService.SAGEMAKER, "DeleteEndpointConfig", "endpoint-config/" + version,
                        "a configuration version left behind by an apply that did not finish; the endpoint does not use it",
                        DeleteEndpointConfigRequest.builder().endpointConfigName(version).build(), Set.of()));
            }
        }
        return steps.size() == plan.steps().size() ? plan : new Plan(plan.subject(), steps);
    }
}
