package dev.ballast.engine.internal.reconcile;

import dev.ballast.engine.internal.compile.ScalingRequests;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointRequest;

import dev.ballast.engine.internal.compile.ComponentEndpointRequests;
import dev.ballast.error.PlanningException;
import dev.ballast.error.SpecValidationException;
import dev.ballast.error.Violation;
import dev.ballast.plan.ApiCall;
import dev.ballast.plan.AwaitState;
import dev.ballast.plan.AwsService;
import dev.ballast.plan.Plan;
import dev.ballast.plan.PlanStep;
import dev.ballast.spec.ComponentSpec;
import dev.ballast.spec.ComponentEndpointSpec;

/**
 * Plans only the difference between a spec and what runs. A pure function of the two: nothing
 * here calls AWS.
 *
 * <ul>
 *   <li>No endpoint: everything is created, in order.</li>
 *   <li>The endpoint runs another configuration: the new configuration version (created if
 *       missing), {@code UpdateEndpoint}, a wait, and the old configuration deleted only once the
 *       update is verified.</li>
 *   <li>A component's specification differs: {@code UpdateInferenceComponent} with its rolling
 *       policy (and the copy count, if that differs too).</li>
 *   <li>Only the copy count differs: {@code UpdateInferenceComponentRuntimeConfig}.</li>
 *   <li>Adapters come after every base component: created once their base is in service, a new
 *       artifact loaded in place, a new base by deleting and creating the adapter.</li>
 *   <li>An alarm is missing or configured differently: {@code PutMetricAlarm}.</li>
 *   <li>Nothing differs: an empty plan.</li>
 * </ul>
 */
public final class ComponentEndpointReconciler {

    /** The end of the reason of a component update that has a rolling policy: how, not what differs. */
    static final String ROLLED_OUT = "; rolled out with its rolling update policy";

    private ComponentEndpointReconciler() {
    }

    /**
     * @throws PlanningException if what runs cannot reach the spec (a failed endpoint or component)
     * @throws SpecValidationException if a component to create has no copies
     */
    public static Plan reconcile(ComponentEndpointSpec spec, Observed observed) {
        List<PlanStep> steps = new ArrayList<>();
        List<dev.ballast.plan.Surge> surge = new ArrayList<>();
        Optional<DescribeEndpointResponse> endpoint = observed.endpoint();
        endpoint.ifPresent(e -> refuseUnusable(spec, e));

        if (endpoint.isEmpty()) {
            if (!observed.configExists()) {
                steps.add(ComponentEndpointRequests.createEndpointConfig(spec, "new endpoint configuration (immutable, versioned by content)"));
            }
            steps.add(ComponentEndpointRequests.createEndpoint(spec, "the endpoint does not exist yet"));
        }
        alarms(spec, observed, steps);
        if (endpoint.isEmpty() && !spec.components().isEmpty()) {
            steps.add(new AwaitState(ComponentEndpointRequests.endpointResource(spec), "InService",
                    "components can only be placed on an endpoint in service"));
        }
        endpoint.filter(e -> !spec.endpointConfigName().equals(e.endpointConfigName()))
                .ifPresent(e -> updateEndpoint(spec, e, observed.configExists(), steps));
        steps.addAll(Leftovers.configs(spec.endpointConfigName(), observed, steps));
        for (ComponentSpec c : ComponentEndpointRequests.inCreationOrder(spec)) {
            if (c.isAdapter()) {
                adapter(spec, c, observed.components().getOrDefault(c.name(), Optional.empty()), steps);
                continue;
            }
            ScalingRequests.Scaled target = ScalingRequests.Scaled.component(spec.name(), c.name());
            Optional<ScalingObserved> running = Optional.ofNullable(observed.scaling().get(target.resourceId()));
            List<PlanStep> removal = c.autoScaling().isEmpty() && running.isPresent()
                    ? ScalingPlan.removed(target, running.get(), "component " + c.name()) : List.of();
            steps.addAll(removal);
            // A target Ballast leaves in place (someone else's) owns the copy count.
            int before = steps.size();
            component(spec, c, observed.components().getOrDefault(c.name(), Optional.empty()),
                    running.isPresent() && removal.isEmpty(), steps);
            if (steps.subList(before, steps.size()).stream().anyMatch(s -> s instanceof ApiCall call
                    && call.operation().equals("UpdateInferenceComponent"))) {
                surge.addAll(SurgeEstimate.componentUpdate(spec, c, instancesNow(spec, endpoint)));
            }
            c.autoScaling().ifPresent(a -> steps.addAll(ScalingPlan.steps(target, a, running, observed.alarms(), "component " + c.name())));
        }
        return new Plan("endpoint '" + spec.name() + "'", steps, merged(surge));
    }

    /** @return the instances the endpoint runs, as described, else the spec's initial count */
    private static int instancesNow(ComponentEndpointSpec spec, Optional<DescribeEndpointResponse> endpoint) {
        return endpoint.filter(DescribeEndpointResponse::hasProductionVariants)
                .flatMap(e -> e.productionVariants().stream().findFirst())
                .map(v -> v.currentInstanceCount())
                .orElse(spec.resolvedInitialInstanceCount());
    }

    /**
     * Components update one at a time, each from what runs: of one type (an endpoint has one) the
     * largest batch of instances counts, and the durations and instance-hours add up.
     */
    private static List<dev.ballast.plan.Surge> merged(List<dev.ballast.plan.Surge> surge) {
        if (surge.size() < 2) {
            return surge;
        }
        dev.ballast.plan.Surge first = surge.get(0);
        int extra = surge.stream().mapToInt(dev.ballast.plan.Surge::extraInstances).max().orElseThrow();
        java.time.Duration duration = surge.stream().map(dev.ballast.plan.Surge::duration).reduce(java.time.Duration.ZERO, java.time.Duration::plus);
        java.math.BigDecimal hours = surge.stream().map(dev.ballast.plan.Surge::instanceHours).reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
        return List.of(dev.ballast.plan.Surge.of(first.instanceType(), extra, duration, hours, dev.ballast.plan.PriceTable.defaults()));
    }

    private static void refuseUnusable(ComponentEndpointSpec spec, DescribeEndpointResponse e) {
        String status = e.endpointStatusAsString();
        if (status.equals("Failed") || status.equals("UpdateRollbackFailed")) {
            throw new PlanningException("Endpoint '" + spec.name() + "' is " + status
                    + (e.failureReason() == null ? "" : " (" + e.failureReason() + ")")
                    + "; SageMaker allows only deleting it. Delete it (Ballast.delete(spec)) and apply again.");
        }
        if (status.equals("Deleting") || status.equals("OutOfService")) {
            throw new PlanningException("Endpoint '" + spec.name() + "' is " + status
                    + "; wait until it is gone, then apply again.");
        }
    }

    private static void alarms(ComponentEndpointSpec spec, Observed observed, List<PlanStep> steps) {
        for (ComponentSpec c : spec.components()) {
            for (ApiCall put : ComponentEndpointRequests.putAlarms(spec, c, "rollback alarm of component " + c.name())) {
                PutMetricAlarmRequest desired = (PutMetricAlarmRequest) put.request();
                MetricAlarm running = observed.alarms().get(desired.alarmName());
                if (running == null) {
                    steps.add(withReason(put, "rollback alarm of component " + c.name() + " does not exist yet"));
                } else if (!Drift.sameAlarm(desired, running)) {
                    steps.add(withReason(put, "rollback alarm of component " + c.name() + " is configured differently"));
                }
            }
        }
    }

    private static void updateEndpoint(ComponentEndpointSpec spec, DescribeEndpointResponse e, boolean configExists, List<PlanStep> steps) {
        if (!configExists) {
            steps.add(ComponentEndpointRequests.createEndpointConfig(spec, "the endpoint's configuration changed: a new version"));
        }
        steps.add(new ApiCall(AwsService.SAGEMAKER, "UpdateEndpoint", ComponentEndpointRequests.endpointResource(spec),
                "the endpoint runs configuration " + e.endpointConfigName() + "; the spec needs " + spec.endpointConfigName(),
                UpdateEndpointRequest.builder().endpointName(spec.name()).endpointConfigName(spec.endpointConfigName()).build(),
                java.util.Set.of()));
        steps.add(new AwaitState(ComponentEndpointRequests.endpointResource(spec), "InService", "the endpoint update finished"));
        if (e.endpointConfigName() != null) {
            steps.add(new ApiCall(AwsService.SAGEMAKER, "DeleteEndpointConfig", "endpoint-config/" + e.endpointConfigName(),
                    "the old configuration, deleted once the endpoint is verified to run " + spec.endpointConfigName(),
                    DeleteEndpointConfigRequest.builder().endpointConfigName(e.endpointConfigName()).build(), java.util.Set.of()));
        }
    }

    /** @param scaledElsewhere whether a scalable target of the component exists: its copy count is then auto scaling's */
    private static void component(ComponentEndpointSpec spec, ComponentSpec c, Optional<DescribeInferenceComponentResponse> running,
                                  boolean scaledElsewhere, List<PlanStep> steps) {
        String resource = ComponentEndpointRequests.componentResource(c);
        int copies = c.copies().orElseThrow();
        if (running.isEmpty()) {
            if (copies < 1) {
                throw new SpecValidationException("endpoint '" + spec.name() + "'", List.of(Violation.of("component[" + c.name() + "].copies",
                        copies, "must be at least 1 when the component is created (SageMaker: \"Inference components copy count an integer larger than 0\")",
                        "create it with copies(1) or more; scale it to 0 later")));
            }
            steps.add(ComponentEndpointRequests.createComponent(spec, c, "the component does not exist yet; "
                    + copies + (copies == 1 ? " copy" : " copies")));
            steps.add(new AwaitState(resource, "InService", "all copies placed and healthy"));
            return;
        }
        DescribeInferenceComponentResponse d = running.get();
        if (d.inferenceComponentStatusAsString().equals("Failed")) {
            throw new PlanningException("Component '" + c.name() + "' is Failed"
                    + (d.failureReason() == null ? "" : " (" + d.failureReason() + ")")
                    + "; delete it (DeleteInferenceComponent) and apply again to create it anew.");
        }
        if (d.inferenceComponentStatusAsString().equals("Deleting")) {
            throw new PlanningException("Component '" + c.name() + "' is being deleted; wait until it is gone, then apply again.");
        }
        Integer desiredNow = d.runtimeConfig() == null ? null : d.runtimeConfig().desiredCopyCount();
        // While auto scaling is attached, the copy count is auto scaling's to change.
        boolean copiesDiffer = c.autoScaling().isEmpty() && !scaledElsewhere && (desiredNow == null || desiredNow != copies);
        if (!Drift.sameSpecification(c, d.specification())) {
            steps.add(ComponentEndpointRequests.updateComponent(c, copiesDiffer ? Optional.of(copies) : Optional.empty(), spec.name(),
                    "the running specification of " + c.name() + " differs from the spec in "
                            + String.join(", ", Drift.differences(c, d.specification()))
                            + (copiesDiffer ? " (and the copy count: " + desiredNow + " -> " + copies + ")" : "")
                            + (c.rollingUpdate().isPresent() ? ROLLED_OUT : "")));
            steps.add(new AwaitState(resource, "InService", "the update finished: rolled out, or rolled back"));
        } else if (copiesDiffer) {
            steps.add(ComponentEndpointRequests.scaleComponent(c, copies, "only the copy count of " + c.name() + " changed: "
                    + desiredNow + " -> " + copies));
            steps.add(new AwaitState(resource, "InService", "copies added or removed"));
        }
    }

    /**
     * An adapter: created after its base is in service (its base comes first in the plan), a new
     * artifact loaded in place with {@code UpdateInferenceComponent}, and a new base by replacement:
     * SageMaker's documentation describes no way to move an adapter to another base, so the fake
     * refuses it and Ballast deletes the adapter and creates it on the new base.
     */
    private static void adapter(ComponentEndpointSpec spec, ComponentSpec c, Optional<DescribeInferenceComponentResponse> running,
                                List<PlanStep> steps) {
        String resource = ComponentEndpointRequests.componentResource(c);
        String base = c.baseComponent().orElseThrow();
        if (running.isEmpty()) {
            steps.add(ComponentEndpointRequests.createComponent(spec, c, "the adapter does not exist yet; it runs on the copies of " + base));
            steps.add(new AwaitState(resource, "InService", "the adapter's artifact is loaded into its base"));
            return;
        }
        DescribeInferenceComponentResponse d = running.get();
        if (d.inferenceComponentStatusAsString().equals("Failed")) {
            throw new PlanningException("Component '" + c.name() + "' is Failed"
                    + (d.failureReason() == null ? "" : " (" + d.failureReason() + ")")
                    + "; delete it (DeleteInferenceComponent) and apply again to create it anew.");
        }
        if (d.inferenceComponentStatusAsString().equals("Deleting")) {
            throw new PlanningException("Component '" + c.name() + "' is being deleted; wait until it is gone, then apply again.");
        }
        String runningBase = d.specification() == null ? null : d.specification().baseInferenceComponentName();
        if (!base.equals(runningBase)) {
            steps.add(new ApiCall(AwsService.SAGEMAKER, "DeleteInferenceComponent", resource,
                    "adapter " + c.name() + " runs on " + (runningBase == null ? "no base (it is not an adapter)" : runningBase)
                            + "; the spec puts it on " + base + ", which needs a new component",
                    DeleteInferenceComponentRequest.builder()
                            .inferenceComponentName(c.name()).build(), java.util.Set.of()));
            steps.add(new AwaitState(resource, "Gone", "the old component is deleted"));
            steps.add(ComponentEndpointRequests.createComponent(spec, c, "adapter " + c.name() + " created anew on " + base));
            steps.add(new AwaitState(resource, "InService", "the adapter's artifact is loaded into its base"));
            return;
        }
        if (!Drift.sameSpecification(c, d.specification())) {
            steps.add(ComponentEndpointRequests.updateComponent(c, Optional.empty(), spec.name(),
                    "the running specification of adapter " + c.name() + " differs from the spec in "
                            + String.join(", ", Drift.differences(c, d.specification())) + "; loaded in place"));
            steps.add(new AwaitState(resource, "InService", "the new artifact is loaded; the old one served until then"));
        }
    }

    private static ApiCall withReason(ApiCall call, String reason) {
        return new ApiCall(call.service(), call.operation(), call.resource(), reason, call.request(), call.redactedPaths());
    }
}
