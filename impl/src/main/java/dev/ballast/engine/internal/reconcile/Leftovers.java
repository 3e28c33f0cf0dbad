package dev.ballast.engine.internal.reconcile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointConfigRequest;

import dev.ballast.plan.ApiCall;
import dev.ballast.plan.AwsService;
import dev.ballast.plan.PlanStep;

/**
 * What an apply that did not finish left behind — a crash or a lost answer between two calls: a
 * configuration version created for an update that never came, or the old version an update
 * replaced but never got to delete. The plan deletes, last, every configuration version of
 * Ballast's naming ({@link dev.ballast.spec.ConfigNames}) that the endpoint neither runs nor is
 * moving to and that the spec does not need; a configuration of any other name is never touched.
 * With one writer per endpoint (the lease), no other engine can be about to use such a version.
 */
final class Leftovers {

    private Leftovers() {
    }

    /**
     * @param specConfig the configuration version the spec needs
     * @param observed what runs, with the endpoint's configuration versions
     * @param planned the plan's steps so far (a version they delete already is not deleted twice)
     * @return a deletion of each version left behind
     */
    static List<ApiCall> configs(String specConfig, Observed observed, List<PlanStep> planned) {
        Set<String> kept = new HashSet<>();
        kept.add(specConfig);
        observed.endpoint().ifPresent(e -> {
            kept.add(e.endpointConfigName());
            if (e.pendingDeploymentSummary() != null) {
                kept.add(e.pendingDeploymentSummary().endpointConfigName());
            }
        });
        planned.stream().filter(ApiCall.class::isInstance).map(ApiCall.class::cast)
                .filter(c -> c.operation().equals("DeleteEndpointConfig"))
                .forEach(c -> kept.add(c.resource().substring(c.resource().indexOf('/') + 1)));
        List<ApiCall> steps = new ArrayList<>();
        for (String version : observed.versions().keySet()) {
            if (!kept.contains(version)) {
                steps.add(new ApiCall(AwsService.SAGEMAKER, "DeleteEndpointConfig", "endpoint-config/" + version,
                        "a configuration version left behind by an apply that did not finish; the endpoint does not use it",
                        DeleteEndpointConfigRequest.builder().endpointConfigName(version).build(), Set.of()));
            }
        }
        return steps;
    }
}
