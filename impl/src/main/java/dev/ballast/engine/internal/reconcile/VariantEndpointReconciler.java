package dev.ballast.engine.internal.reconcile;

import dev.ballast.engine.internal.compile.VariantEndpointRequests;
import dev.ballast.engine.internal.compile.ScalingRequests;
import dev.ballast.engine.internal.compile.ScalingRequests.Scaled;
import dev.ballast.error.PlanningException;
import dev.ballast.plan.ApiCall;
import dev.ballast.plan.AwaitState;
import dev.ballast.plan.AwsService;
import dev.ballast.plan.Plan;
import dev.ballast.plan.PlanStep;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.spec.ModelSpec.InferenceExecutionMode;
import dev.ballast.spec.ModelSpec;
import dev.ballast.spec.VariantSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.DeleteEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;

/**
 * Plans only the difference between an endpoint of model-based variants and what runs. A pure
 * function of the two.
 *
 * <ul>
 *   <li>Models that do not exist are created; a model that exists with another definition stops
 *       planning (models cannot change in SageMaker).</li>
 *   <li>No endpoint: the configuration, the rollback alarms, the endpoint, a wait, auto scaling.</li>
 *   <li>The endpoint runs another configuration: the new version, the alarms, {@code UpdateEndpoint}
 *       with the spec's deployment policy, a wait, then the old configuration deleted once the
 *       endpoint is verified to run the new one.</li>
 *   <li>Alarms or auto scaling that differ are put again.</li>
 * </ul>
 *
 * <p>Live weights (a traffic shift's) and auto-scaled instance counts are not the spec's to reset:
 * they change only with a new configuration version, as SageMaker's own initial values.
 */
public final class VariantEndpointReconciler {

    private VariantEndpointReconciler() {
    }

    /** @throws PlanningException if what runs cannot reach the spec */
    public static Plan reconcile(VariantEndpointSpec spec, VariantEndpointObserved observed) {
        List<PlanStep> steps = new ArrayList<>();
        Observed o = observed.endpoint();
        Optional<DescribeEndpointResponse> endpoint = o.endpoint();
        endpoint.ifPresent(e -> refuseUnusable(spec, e));
        for (ModelSpec m : spec.models()) {
            Optional<DescribeModelResponse> running = observed.models().getOrDefault(m.name(), Optional.empty());
            if (running.isEmpty()) {
                steps.add(VariantEndpointRequests.createModel(m, "model " + m.name() + " does not exist yet"));
            } else {
                ModelDrift.difference(m, running.get()).ifPresent(d -> {
                    throw new PlanningException("Model '" + m.name() + "' exists with " + d + ". Models cannot change in SageMaker: "
                            + "give the new version its own name (for example " + m.name() + "-2) and apply again.");
                });
            }
        }
        boolean newConfig = endpoint.isEmpty() || !spec.endpointConfigName().equals(endpoint.get().endpointConfigName());
        List<String> retyped = endpoint.isPresent() && newConfig ? retypedScaledVariants(spec, observed) : List.of();
        if (newConfig && !o.configExists()) {
            steps.add(VariantEndpointRequests.createEndpointConfig(spec, endpoint.isEmpty() ? "new endpoint configuration (immutable, versioned by content)"
                    : "the endpoint's configuration changed: a new version"));
        }
        alarms(spec, o.alarms(), steps);
        if (endpoint.isEmpty()) {
            steps.add(VariantEndpointRequests.createEndpoint(spec, "the endpoint does not exist yet"));
            steps.add(new AwaitState(VariantEndpointRequests.endpointResource(spec), "InService", "the variants' instances are up and healthy"));
        } else if (newConfig) {
            DescribeEndpointResponse e = endpoint.get();
            for (String v : retyped) {
                Scaled target = Scaled.variant(spec.name(), v);
                steps.add(ScalingRequests.deregister(target, "variant " + v + " changes its instance type: SageMaker refuses that while it is "
                        + "a scalable target, so auto scaling goes first and comes back after the update"));
            }
            Retention retention = Retention.decide(spec, e, observed.runningConfig());
            steps.add(VariantEndpointRequests.updateEndpoint(spec, retention.retention(), "the endpoint runs configuration " + e.endpointConfigName()
                    + "; the spec needs " + spec.endpointConfigName() + "; " + UpdateShape.describe(spec, rollsInBatches(spec, e))
                    + retention.note()));
            steps.add(new AwaitState(VariantEndpointRequests.endpointResource(spec), "InService", "the endpoint update finished: deployed, or rolled back"));
            for (String v : retyped) {
                VariantSpec variant = spec.variant(v).orElseThrow();
                steps.addAll(ScalingPlan.steps(Scaled.variant(spec.name(), v), variant.autoScaling().orElseThrow(), Optional.empty(),
                        "variant " + v + " (deregistered for its new instance type)"));
            }
            if (e.endpointConfigName() != null) {
                steps.add(new ApiCall(AwsService.SAGEMAKER, "DeleteEndpointConfig", "endpoint-config/" + e.endpointConfigName(),
                        "the old configuration, deleted once the endpoint is verified to run " + spec.endpointConfigName(),
                        DeleteEndpointConfigRequest.builder().endpointConfigName(e.endpointConfigName()).build(), java.util.Set.of()));
            }
        }
        steps.addAll(Leftovers.configs(spec.endpointConfigName(), o, steps));
        for (VariantSpec v : spec.variants()) {
            // A retyped variant's auto scaling was planned around the update above.
            Scaled target = Scaled.variant(spec.name(), v);
            Optional<ScalingObserved> running = Optional.ofNullable(o.scaling().get(target.resourceId()));
            if (v.autoScaling().isPresent()) {
                if (!retyped.contains(v.name())) {
                    steps.addAll(ScalingPlan.steps(target, v.autoScaling().get(), running, o.alarms(), "variant " + v.name()));
                }
            } else {
                running.ifPresent(r -> steps.addAll(ScalingPlan.removed(target, r, "variant " + v.name())));
            }
        }
        return new Plan("endpoint '" + spec.name() + "'", steps, endpoint.isPresent() && newConfig
                ? SurgeEstimate.endpointUpdate(spec, rollsInBatches(spec, endpoint.get())) : List.of());
    }

    /**
     * Whether SageMaker rolls this update batch by batch: the spec's rolling policy, and an endpoint
     * of one variant on both sides. The deployment guardrails exclusions take a multi-variant
     * endpoint out of rolling deployments, so one that runs several variants now is updated
     * blue/green, all at once, even to a spec of one.
     */
    private static boolean rollsInBatches(VariantEndpointSpec spec, DescribeEndpointResponse running) {
        boolean severalNow = running.hasProductionVariants() && running.productionVariants().size() > 1
                || running.hasShadowProductionVariants() && !running.shadowProductionVariants().isEmpty();
        return spec.rollsInBatches() && !severalNow;
    }

    /** @return the auto-scaled variants that are registered and whose instance type the update changes */
    private static List<String> retypedScaledVariants(VariantEndpointSpec spec, VariantEndpointObserved observed) {
        List<String> retyped = new ArrayList<>();
        observed.runningConfig().ifPresent(config -> {
            for (VariantSpec v : spec.variants()) {
                boolean registered = observed.endpoint().scaling().containsKey(Scaled.variant(spec.name(), v.name()).resourceId());
                String wanted = v.instanceType().map(Object::toString).orElse(null);
                config.productionVariants().stream().filter(r -> r.variantName().equals(v.name())).findFirst().ifPresent(r -> {
                    if (registered && v.autoScaling().isPresent() && wanted != null && !wanted.equals(r.instanceTypeAsString())) {
                        retyped.add(v.name());
                    }
                });
            }
        });
        return retyped;
    }

    private static void refuseUnusable(VariantEndpointSpec spec, DescribeEndpointResponse e) {
        String status = e.endpointStatusAsString();
        if (status.equals("Failed")) {
            throw new PlanningException("Endpoint '" + spec.name() + "' is Failed"
                    + (e.failureReason() == null ? "" : " (" + e.failureReason() + ")")
                    + "; SageMaker allows only deleting it. Delete it (Ballast.delete(spec)) and apply again.");
        }
        if (status.equals("UpdateRollbackFailed")) {
            throw new PlanningException("Endpoint '" + spec.name() + "' is UpdateRollbackFailed"
                    + (e.failureReason() == null ? "" : " (" + e.failureReason() + ")")
                    + ": it serves a mix of its old and new configurations. Ballast does not update it from there; "
                    + "delete it (Ballast.delete(spec)) and apply again, or repair it in SageMaker first.");
        }
        if (status.equals("Deleting")) {
            throw new PlanningException("Endpoint '" + spec.name() + "' is being deleted; wait until it is gone, then apply again.");
        }
        if (status.equals("OutOfService")) {
            throw new PlanningException("Endpoint '" + spec.name() + "' is OutOfService: it serves nothing and cannot be updated; "
                    + "delete it (Ballast.delete(spec)) and apply again.");
        }
        if (e.hasProductionVariants() && e.productionVariants().stream().anyMatch(v -> v.managedInstanceScaling() != null
                && "ENABLED".equals(v.managedInstanceScaling().statusAsString()))) {
            throw new PlanningException("Endpoint '" + spec.name() + "' hosts inference components; describe it with "
                    + "Endpoint.on(..).component(..) (an ComponentEndpointSpec), not with model-based variants.");
        }
    }

    private static void alarms(VariantEndpointSpec spec, Map<String, MetricAlarm> running, List<PlanStep> steps) {
        for (ApiCall put : VariantEndpointRequests.putRollbackAlarms(spec, "rollback alarm of the endpoint's update")) {
            PutMetricAlarmRequest desired = (PutMetricAlarmRequest) put.request();
            MetricAlarm alarm = running.get(desired.alarmName());
            if (alarm == null) {
                steps.add(withReason(put, "rollback alarm " + desired.alarmName() + " does not exist yet"));
            } else if (!Drift.sameAlarm(desired, alarm)) {
                steps.add(withReason(put, "rollback alarm " + desired.alarmName() + " is configured differently"));
            }
        }
    }

    private static ApiCall withReason(ApiCall call, String reason) {
        return new ApiCall(call.service(), call.operation(), call.resource(), reason, call.request(), call.redactedPaths());
    }

    /** Compares a model's definition with the running one; says what differs, never a value of the environment. */
    static final class ModelDrift {

        private ModelDrift() {
        }

        static Optional<String> difference(ModelSpec m, DescribeModelResponse r) {
            if (!m.containers().isEmpty()) {
                return containersDifference(m, r).or(() -> roleAndNetworkDifference(m, r));
            }
            var c = r.primaryContainer();
            if (c == null) {
                return Optional.of("no primary container");
            }
            if (!Objects.equals(m.image().orElse(null), c.image())) {
                return Optional.of("image " + c.image() + " (the spec says " + m.image().orElse("none") + ")");
            }
            if (!Objects.equals(m.modelDataUrl().orElse(null), c.modelDataUrl())) {
                return Optional.of("model data " + c.modelDataUrl() + " (the spec says " + m.modelDataUrl().orElse("none") + ")");
            }
            Map<String, String> env = VariantEndpointRequests.containerEnvironment(m);
            Map<String, String> running = c.hasEnvironment() ? c.environment() : Map.of();
            if (!env.equals(running)) {
                return Optional.of("another container environment (keys " + new java.util.TreeSet<>(running.keySet()) + ")");
            }
            return roleAndNetworkDifference(m, r);
        }

        /** A model of several containers: the same containers in the same order, and the same execution mode. */
        private static Optional<String> containersDifference(ModelSpec m, DescribeModelResponse r) {
            if (r.primaryContainer() != null || !r.hasContainers()) {
                return Optional.of("a single container (the spec says " + m.containers().size() + " containers)");
            }
            List<ContainerDefinition> desired = VariantEndpointRequests.containers(m);
            List<ContainerDefinition> running = r.containers();
            if (desired.size() != running.size()) {
                return Optional.of(running.size() + " containers (the spec says " + desired.size() + ")");
            }
            for (int i = 0; i < desired.size(); i++) {
                ContainerDefinition d = desired.get(i);
                ContainerDefinition c = running.get(i);
                String which = "container " + i + (c.containerHostname() == null ? "" : " (" + c.containerHostname() + ")");
                if (!Objects.equals(d.containerHostname(), c.containerHostname())) {
                    return Optional.of(which + " named " + c.containerHostname() + " (the spec says " + d.containerHostname() + ")");
                }
                if (!Objects.equals(d.image(), c.image())) {
                    return Optional.of(which + " image " + c.image() + " (the spec says " + d.image() + ")");
                }
                if (!Objects.equals(d.modelDataUrl(), c.modelDataUrl())) {
                    return Optional.of(which + " model data " + c.modelDataUrl() + " (the spec says " + d.modelDataUrl() + ")");
                }
                Map<String, String> env = d.hasEnvironment() ? d.environment() : Map.of();
                Map<String, String> runningEnv = c.hasEnvironment() ? c.environment() : Map.of();
                if (!env.equals(runningEnv)) {
                    return Optional.of(which + " another environment (keys " + new java.util.TreeSet<>(runningEnv.keySet()) + ")");
                }
            }
            String mode = r.inferenceExecutionConfig() == null ? null : r.inferenceExecutionConfig().modeAsString();
            String desiredMode = m.executionMode().map(InferenceExecutionMode::apiValue).orElse(null);
            if (!Objects.equals(desiredMode, mode)) {
                return Optional.of("execution mode " + mode + " (the spec says " + desiredMode + ")");
            }
            return Optional.empty();
        }

        private static Optional<String> roleAndNetworkDifference(ModelSpec m, DescribeModelResponse r) {
            if (!Objects.equals(m.executionRoleArn().orElse(null), r.executionRoleArn())) {
                return Optional.of("execution role " + r.executionRoleArn());
            }
            var vpc = r.vpcConfig();
            java.util.Set<String> subnets = vpc == null ? java.util.Set.of() : new java.util.TreeSet<>(vpc.subnets());
            java.util.Set<String> groups = vpc == null ? java.util.Set.of() : new java.util.TreeSet<>(vpc.securityGroupIds());
            if (!subnets.equals(m.vpc().map(v -> (java.util.Set<String>) new java.util.TreeSet<>(v.subnets())).orElse(java.util.Set.of()))
                    || !groups.equals(m.vpc().map(v -> (java.util.Set<String>) new java.util.TreeSet<>(v.securityGroupIds())).orElse(java.util.Set.of()))) {
                return Optional.of("another VPC (subnets " + subnets + ", security groups " + groups + ")");
            }
            if (m.networkIsolation() != Boolean.TRUE.equals(r.enableNetworkIsolation())) {
                return Optional.of("network isolation " + (Boolean.TRUE.equals(r.enableNetworkIsolation()) ? "on" : "off"));
            }
            return Optional.empty();
        }
    }
}
