package dev.ballast.testkit.internal.autoscaling;

import dev.ballast.testkit.internal.cloudwatch.CloudWatchHandler;
import dev.ballast.testkit.internal.cloudwatch.MetricKey;
import dev.ballast.testkit.internal.component.InferenceComponent;
import dev.ballast.testkit.internal.endpoint.LiveEndpoint;
import dev.ballast.testkit.internal.errors.AutoScalingErrors;
import dev.ballast.testkit.internal.placement.Fleet;
import dev.ballast.testkit.internal.sim.Registry;
import dev.ballast.testkit.internal.sim.Sim;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.applicationautoscaling.model.Alarm;
import software.amazon.awssdk.services.applicationautoscaling.model.CustomizedMetricSpecification;
import software.amazon.awssdk.services.applicationautoscaling.model.StepAdjustment;
import software.amazon.awssdk.services.applicationautoscaling.model.StepScalingPolicyConfiguration;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.applicationautoscaling.model.DeleteScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DeleteScalingPolicyResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.DeregisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DeregisterScalableTargetResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingPoliciesRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingPoliciesResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantServerlessConfig;

/**
 * Application Auto Scaling for SageMaker
 * (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling.html">auto scaling of
 * SageMaker models</a>): scalable targets for endpoint variants
 * ({@code sagemaker:variant:DesiredInstanceCount}) and inference components
 * ({@code sagemaker:inference-component:DesiredCopyCount}) and their scaling policies. Registering clamps the
 * live capacity into [min, max]; a target-tracking policy creates its
 * {@code TargetTracking-<ResourceId>-AlarmHigh/AlarmLow-<id>} alarms in CloudWatch.
 *
 * <p>After each alarm evaluation, a target-tracking policy whose alarm is in {@code ALARM} scales
 * its resource to {@code ceil(capacity * metric / target)} (at least one more on AlarmHigh, at least
 * one fewer on AlarmLow unless {@code DisableScaleIn}), within [min, max], once its cooldown
 * ({@code ScaleOutCooldown}/{@code ScaleInCooldown}, default 300 s) has passed and only while the
 * resource is InService. A target-tracking policy on a {@code CustomizedMetricSpecification} (metric
 * name, namespace, dimensions, statistic) makes its alarms on that metric, so a test that puts the
 * metric with {@code PutMetricData} drives it; one on metric math ({@code Metrics}) makes its alarms
 * on the same queries, evaluated as {@link MathAlarms} says.
 *
 * <p>A step-scaling policy creates no alarm: it acts when an alarm whose {@code AlarmActions} names
 * its ARN is in {@code ALARM} at an evaluation (CloudWatch invokes Auto Scaling actions at every
 * evaluation while the alarm stays there), through the step whose bounds hold the breach, within
 * [min, max], once its cooldown has passed (see {@link StepPolicies}). Deleting it leaves the alarm,
 * as AWS does.
 *
 * <p>A serverless variant's provisioned concurrency ({@code sagemaker:variant:DesiredProvisionedConcurrency},
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints-autoscale.html">developer guide</a>)
 * scales like an instance count: target tracking on {@code SageMakerVariantProvisionedConcurrencyUtilization}
 * alarms on {@code ServerlessProvisionedConcurrencyUtilization} (Average), and either kind of policy changes
 * the variant's {@code ProvisionedConcurrency}, capped at its {@code MaxConcurrency}.
 */
public final class AutoScalingHandler {

    static final String VARIANT_DIMENSION = "sagemaker:variant:DesiredInstanceCount";
    static final String COMPONENT_DIMENSION = "sagemaker:inference-component:DesiredCopyCount";
    /** Serverless variants' provisioned concurrency. */
    static final String PROVISIONED_CONCURRENCY_DIMENSION = "sagemaker:variant:DesiredProvisionedConcurrency";

    /** The predefined metric of a serverless variant's provisioned concurrency. */
    static final String PROVISIONED_CONCURRENCY_METRIC = "SageMakerVariantProvisionedConcurrencyUtilization";

    private record Key(String resourceId, String dimension) {
    }

    private final Sim sim;
    private final Registry<LiveEndpoint> endpoints;
    private final Registry<InferenceComponent> components;
    private final AutoScalingErrors errors;
    private final CloudWatchHandler cloudWatch;
    private final Map<Key, ScalableTarget> targets = new LinkedHashMap<>();
    private final Map<Key, Map<String, ScalingPolicy>> policies = new LinkedHashMap<>();
    private final Map<Key, Instant> lastScaled = new HashMap<>();
    private final Map<Key, Instant> lastZero = new HashMap<>();
    /** When each step-scaling policy (by ARN) last changed capacity, for its cooldown. */
    private final Map<String, Instant> lastStepped = new HashMap<>();

    public AutoScalingHandler(Sim sim, Registry<LiveEndpoint> endpoints, Registry<InferenceComponent> components,
            AutoScalingErrors errors, CloudWatchHandler cloudWatch) {
        this.sim = sim;
        this.endpoints = endpoints;
        this.components = components;
        this.errors = errors;
        this.cloudWatch = cloudWatch;
    }

    public RegisterScalableTargetResponse register(RegisterScalableTargetRequest request) {
        requireSageMaker(request.serviceNamespaceAsString());
        Key key = new Key(request.resourceId(), request.scalableDimensionAsString());
        ScalableTarget existing = targets.get(key);
        Integer min = request.minCapacity() != null ? request.minCapacity() : existing == null ? null : existing.minCapacity();
        Integer max = request.maxCapacity() != null ? request.maxCapacity() : existing == null ? null : existing.maxCapacity();
        if (min == null || max == null) {
            throw errors.validation("MinCapacity and MaxCapacity are required when registering a new scalable target");
        }
        if (min < 0 || max < min) {
            throw errors.validation("Minimum capacity (" + min + ") cannot be greater than maximum capacity (" + max
                    + ") or negative");
        }
        clamp(key, min, max);
        String arn = existing != null ? existing.scalableTargetARN() : "arn:aws:application-autoscaling:"
                + sim.options().region() + ":" + sim.options().accountId() + ":scalable-target/" + shortId();
        targets.put(key, ScalableTarget.builder().serviceNamespace("sagemaker").resourceId(key.resourceId())
                .scalableDimension(key.dimension()).minCapacity(min).maxCapacity(max)
                .roleARN(request.roleARN() != null ? request.roleARN() : "arn:aws:iam::" + sim.options().accountId()
                        + ":role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/"
                        + "AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint")
                .creationTime(existing != null ? existing.creationTime() : sim.now())
                .suspendedState(request.suspendedState() != null ? request.suspendedState()
                        : existing == null ? null : existing.suspendedState())
                .scalableTargetARN(arn).build());
        return RegisterScalableTargetResponse.builder().scalableTargetARN(arn).build();
    }

    /**
     * Checks the resource and moves its live capacity into [min, max]
     * (<a href="https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html">
     * RegisterScalableTarget</a>).
     */
    private void clamp(Key key, int min, int max) {
        String id = key.resourceId();
        if (COMPONENT_DIMENSION.equals(key.dimension()) && id != null && id.startsWith("inference-component/")) {
            InferenceComponent ic = components.get(id.substring("inference-component/".length()));
            if (ic == null) {
                throw errors.validation("Could not find inference component " + id + ".");
            }
            if (ic.status() != InferenceComponentStatus.IN_SERVICE) {
                throw errors.validation("Inference component " + ic.name() + " is in " + ic.status() + " status. The status"
                        + " should be in 'InService' to register it as a scalable target");
            }
            int clamped = Math.max(min, Math.min(max, ic.desiredCopyCount()));
            if (clamped != ic.desiredCopyCount()) {
                ic.scaleTo(clamped);
            }
            return;
        }
        String[] parts = id == null ? new String[0] : id.split("/");
        if (PROVISIONED_CONCURRENCY_DIMENSION.equals(key.dimension()) && parts.length == 4 && parts[0].equals("endpoint")
                && parts[2].equals("variant")) {
            clampProvisionedConcurrency(id, parts, min, max);
            return;
        }
        if (VARIANT_DIMENSION.equals(key.dimension()) && parts.length == 4 && parts[0].equals("endpoint")
                && parts[2].equals("variant")) {
            LiveEndpoint e = endpoints.get(parts[1]);
            Fleet fleet = e == null ? null : e.fleet(parts[3]);
            if (fleet == null) {
                throw errors.validation("Could not find endpoint variant " + id + ".");
            }
            if (fleet.serverless()) {
                // a serverless variant has no instances: it scales PROVISIONED_CONCURRENCY_DIMENSION instead
                throw errors.validation("The scalable dimension " + VARIANT_DIMENSION + " is not supported for the"
                        + " serverless variant " + id + ".");
            }
            if (e.status() != EndpointStatus.IN_SERVICE) {
                throw errors.validation("Endpoint " + e.name() + " is in " + e.status() + " status. The status should be"
                        + " in 'InService' to register it as a scalable target");
            }
            int current = fleet.desiredInstanceCount();
            int clamped = Math.max(min, Math.min(max, current));
            if (clamped != current && !fleet.scalingEnabled()) {
                e.updateCapacity(fleet, clamped, null);
            }
            return;
        }
        throw errors.validation("Unsupported resource ID " + id + " for scalable dimension " + key.dimension()
                + ": use endpoint/<EndpointName>/variant/<VariantName> with " + VARIANT_DIMENSION + " (or with "
                + PROVISIONED_CONCURRENCY_DIMENSION + " for a serverless variant with ProvisionedConcurrency)"
                + " or inference-component/<InferenceComponentName> with " + COMPONENT_DIMENSION);
    }

    /**
     * A serverless variant's provisioned concurrency
     * (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints-autoscale.html">automatically
     * scale Provisioned Concurrency for a serverless endpoint</a>): the variant must be serverless and already
     * have {@code ProvisionedConcurrency} (the guide's prerequisite), and its endpoint {@code InService}; the
     * texts are the fake's own. Registering moves the live provisioned concurrency into [min, max], but never
     * above the variant's {@code MaxConcurrency} (which {@code ProvisionedConcurrency} may not exceed); a
     * {@code MaxCapacity} above {@code MaxConcurrency} is accepted, as the documentation states no such rule,
     * and scaling stops at {@code MaxConcurrency}.
     */
    private void clampProvisionedConcurrency(String id, String[] parts, int min, int max) {
        LiveEndpoint e = endpoints.get(parts[1]);
        Fleet fleet = e == null ? null : e.fleet(parts[3]);
        if (fleet == null) {
            throw errors.validation("Could not find endpoint variant " + id + ".");
        }
        ProductionVariantServerlessConfig serverless = e.serverlessConfig(fleet);
        if (!fleet.serverless() || serverless == null) {
            throw errors.validation("The scalable dimension " + PROVISIONED_CONCURRENCY_DIMENSION + " is supported only"
                    + " for serverless variants with ProvisionedConcurrency; variant " + id + " runs on instances.");
        }
        if (serverless.provisionedConcurrency() == null) {
            throw errors.validation("The serverless variant " + id + " has no ProvisionedConcurrency: give its"
                    + " ServerlessConfig a ProvisionedConcurrency before registering " + PROVISIONED_CONCURRENCY_DIMENSION + ".");
        }
        if (min < 1) {
            throw errors.validation("MinCapacity (" + min + ") for " + PROVISIONED_CONCURRENCY_DIMENSION
                    + " must be at least 1: ProvisionedConcurrency is 1 or more.");
        }
        if (e.status() != EndpointStatus.IN_SERVICE) {
            throw errors.validation("Endpoint " + e.name() + " is in " + e.status() + " status. The status should be"
                    + " in 'InService' to register it as a scalable target");
        }
        int current = serverless.provisionedConcurrency();
        int clamped = Math.min(serverless.maxConcurrency(), Math.max(min, Math.min(max, current)));
        if (clamped != current) {
            e.updateProvisionedConcurrency(fleet, clamped);
        }
    }

    /**
     * @return whether the endpoint variant is registered as a {@code sagemaker:variant:DesiredInstanceCount}
     *     target (names compare case-insensitively, as SageMaker's do)
     */
    public boolean registeredVariant(String endpointName, String variantName) {
        String id = "endpoint/" + endpointName + "/variant/" + variantName;
        return targets.keySet().stream().anyMatch(k -> VARIANT_DIMENSION.equals(k.dimension())
                && id.equalsIgnoreCase(k.resourceId()));
    }

    public DescribeScalableTargetsResponse describeTargets(DescribeScalableTargetsRequest request) {
        requireSageMaker(request.serviceNamespaceAsString());
        List<ScalableTarget> result = new ArrayList<>();
        for (ScalableTarget t : targets.values()) {
            if ((!request.hasResourceIds() || request.resourceIds().contains(t.resourceId()))
                    && (request.scalableDimension() == null || request.scalableDimensionAsString()
                            .equals(t.scalableDimensionAsString()))) {
                result.add(t);
            }
        }
        return DescribeScalableTargetsResponse.builder().scalableTargets(result).build();
    }

    public DeregisterScalableTargetResponse deregister(DeregisterScalableTargetRequest request) {
        requireSageMaker(request.serviceNamespaceAsString());
        Key key = new Key(request.resourceId(), request.scalableDimensionAsString());
        if (targets.remove(key) == null) {
            throw errors.notFound("No scalable target found for service namespace: sagemaker, resource ID: "
                    + key.resourceId() + ", scalable dimension: " + key.dimension());
        }
        // deregistering deletes the target's policies, and target tracking deletes the alarms it made
        Map<String, ScalingPolicy> removed = policies.remove(key);
        if (removed != null) {
            removed.values().forEach(this::deleteAlarmsOf);
        }
        return DeregisterScalableTargetResponse.builder().build();
    }

    public PutScalingPolicyResponse putPolicy(PutScalingPolicyRequest request) {
        requireSageMaker(request.serviceNamespaceAsString());
        Key key = new Key(request.resourceId(), request.scalableDimensionAsString());
        if (!targets.containsKey(key)) {
            throw errors.notFound("No scalable target registered for service namespace: sagemaker, resource ID: "
                    + key.resourceId() + ", scalable dimension: " + key.dimension());
        }
        String type = request.policyType() == null ? "StepScaling" : request.policyTypeAsString();
        TargetTrackingScalingPolicyConfiguration tracking = request.targetTrackingScalingPolicyConfiguration();
        if ("TargetTrackingScaling".equals(type) && (tracking == null || tracking.targetValue() == null)) {
            throw errors.validation("TargetTrackingScalingPolicyConfiguration with a TargetValue is required for"
                    + " policy type TargetTrackingScaling");
        }
        if ("TargetTrackingScaling".equals(type)) {
            boolean predefined = tracking.predefinedMetricSpecification() != null;
            boolean custom = tracking.customizedMetricSpecification() != null;
            if (predefined == custom) {
                throw errors.validation("Exactly one of PredefinedMetricSpecification and CustomizedMetricSpecification"
                        + " is required in a TargetTrackingScalingPolicyConfiguration");
            }
            if (predefined) {
                String metricType = tracking.predefinedMetricSpecification().predefinedMetricTypeAsString();
                boolean forProvisioned = PROVISIONED_CONCURRENCY_METRIC.equals(metricType);
                if (forProvisioned != PROVISIONED_CONCURRENCY_DIMENSION.equals(key.dimension())) {
                    // the fake's own text: Application Auto Scaling's is not published
                    throw errors.validation("The predefined metric type " + metricType + " is not supported for"
                            + " scalable dimension " + key.dimension() + (forProvisioned ? "" : "; use "
                            + PROVISIONED_CONCURRENCY_METRIC + " for " + PROVISIONED_CONCURRENCY_DIMENSION));
                }
            }
            if (custom) {
                CustomizedMetricSpecification m = tracking.customizedMetricSpecification();
                if (m.hasMetrics() && !m.metrics().isEmpty()) {
                    if (m.metricName() != null || m.namespace() != null || m.statistic() != null || m.hasDimensions()) {
                        // the fake's own text: the API reference says Metrics replaces the single metric's fields
                        throw errors.validation("CustomizedMetricSpecification takes either Metrics or MetricName,"
                                + " Namespace, Dimensions and Statistic, not both");
                    }
                    MathAlarms.check(m.metrics(), request.policyName(), errors);
                } else if (m.metricName() == null || m.namespace() == null || m.statistic() == null) {
                    throw errors.validation("MetricName, Namespace and Statistic are required in a"
                            + " CustomizedMetricSpecification without Metrics");
                }
            }
        }
        if ("StepScaling".equals(type)) {
            List<String> wrong = StepPolicies.violations(request.stepScalingPolicyConfiguration());
            if (!wrong.isEmpty()) {
                throw errors.validation(wrong.size() + " validation error" + (wrong.size() == 1 ? "" : "s")
                        + " detected: " + String.join("; ", wrong));
            }
        }
        Map<String, ScalingPolicy> forTarget = policies.computeIfAbsent(key, k -> new LinkedHashMap<>());
        ScalingPolicy previous = forTarget.get(request.policyName());
        if (previous != null) {
            deleteAlarmsOf(previous);
        }
        List<Alarm> alarms = "TargetTrackingScaling".equals(type) ? trackingAlarms(key, tracking) : List.of();
        String arn = previous != null ? previous.policyARN() : "arn:aws:autoscaling:" + sim.options().region() + ":"
                + sim.options().accountId() + ":scalingPolicy:" + sim.ids().requestId() + ":resource/sagemaker/"
                + key.resourceId() + ":policyName/" + request.policyName();
        forTarget.put(request.policyName(), ScalingPolicy.builder().policyARN(arn).policyName(request.policyName())
                .serviceNamespace("sagemaker").resourceId(key.resourceId()).scalableDimension(key.dimension())
                .policyType(type).targetTrackingScalingPolicyConfiguration(tracking)
                .stepScalingPolicyConfiguration(request.stepScalingPolicyConfiguration()).alarms(alarms)
                .creationTime(previous != null ? previous.creationTime() : sim.now()).build());
        return PutScalingPolicyResponse.builder().policyARN(arn).alarms(alarms).build();
    }

    private List<Alarm> trackingAlarms(Key key, TargetTrackingScalingPolicyConfiguration tracking) {
        String metric = "InvocationsPerInstance";
        String namespace = "AWS/SageMaker";
        String statistic = "Sum";
        Map<String, String> dims = new LinkedHashMap<>();
        String[] parts = key.resourceId().split("/");
        CustomizedMetricSpecification custom = tracking.customizedMetricSpecification();
        if (custom != null && custom.hasMetrics() && !custom.metrics().isEmpty()) {
            metric = null; // the alarms carry the policy's Metrics instead
        } else if (custom != null) {
            metric = custom.metricName();
            namespace = custom.namespace();
            statistic = custom.statisticAsString();
            if (custom.hasDimensions()) {
                custom.dimensions().forEach(d -> dims.put(d.name(), d.value()));
            }
        } else if (PROVISIONED_CONCURRENCY_DIMENSION.equals(key.dimension())) {
            metric = "ServerlessProvisionedConcurrencyUtilization";
            statistic = "Average";
            dims.put("EndpointName", parts[1]);
            dims.put("VariantName", parts[3]);
        } else if (COMPONENT_DIMENSION.equals(key.dimension())) {
            metric = "InvocationsPerCopy";
            dims.put("InferenceComponentName", key.resourceId().substring("inference-component/".length()));
        } else {
            dims.put("EndpointName", parts[1]);
            dims.put("VariantName", parts[3]);
        }
        String id = sim.ids().requestId();
        double target = tracking.targetValue();
        List<Alarm> alarms = new ArrayList<>();
        boolean math = custom != null && custom.hasMetrics() && !custom.metrics().isEmpty();
        for (boolean high : new boolean[] {true, false}) {
            String name = "TargetTracking-" + key.resourceId() + (high ? "-AlarmHigh-" : "-AlarmLow-") + id;
            String metricName = metric;
            PutMetricAlarmRequest.Builder alarm = PutMetricAlarmRequest.builder().alarmName(name).evaluationPeriods(high ? 3 : 15)
                    .threshold(high ? target : target * 0.9)
                    .comparisonOperator(high ? "GreaterThanThreshold" : "LessThanThreshold")
                    .alarmDescription("DO NOT EDIT OR DELETE. For TargetTrackingScaling policy " + key.resourceId());
            if (math) {
                alarm.metrics(MathAlarms.queries(custom.metrics()));
            } else {
                alarm.namespace(namespace).metricName(metricName).statistic(statistic).period(60)
                        .dimensions(dims.entrySet().stream()
                                .map(d -> Dimension.builder().name(d.getKey()).value(d.getValue()).build()).toList());
            }
            cloudWatch.putMetricAlarm(alarm.build());
            alarms.add(Alarm.builder().alarmName(name).alarmARN(sim.arns().alarm(name)).build());
        }
        return alarms;
    }

    private void deleteAlarmsOf(ScalingPolicy policy) {
        if ("TargetTrackingScaling".equals(policy.policyTypeAsString()) && policy.hasAlarms()) {
            cloudWatch.deleteAlarms(DeleteAlarmsRequest.builder()
                    .alarmNames(policy.alarms().stream().map(Alarm::alarmName).toList()).build());
        }
    }

    public DescribeScalingPoliciesResponse describePolicies(DescribeScalingPoliciesRequest request) {
        requireSageMaker(request.serviceNamespaceAsString());
        List<ScalingPolicy> result = new ArrayList<>();
        for (Map<String, ScalingPolicy> forTarget : policies.values()) {
            for (ScalingPolicy p : forTarget.values()) {
                if ((request.resourceId() == null || request.resourceId().equals(p.resourceId()))
                        && (request.scalableDimension() == null
                                || request.scalableDimensionAsString().equals(p.scalableDimensionAsString()))
                        && (!request.hasPolicyNames() || request.policyNames().contains(p.policyName()))) {
                    result.add(p);
                }
            }
        }
        return DescribeScalingPoliciesResponse.builder().scalingPolicies(result).build();
    }

    public DeleteScalingPolicyResponse deletePolicy(DeleteScalingPolicyRequest request) {
        requireSageMaker(request.serviceNamespaceAsString());
        Key key = new Key(request.resourceId(), request.scalableDimensionAsString());
        Map<String, ScalingPolicy> forTarget = policies.get(key);
        ScalingPolicy removed = forTarget == null ? null : forTarget.remove(request.policyName());
        if (removed == null) {
            throw errors.notFound("No scaling policy found for service namespace: sagemaker, resource ID: "
                    + key.resourceId() + ", scalable dimension: " + key.dimension() + ", policy name: "
                    + request.policyName());
        }
        deleteAlarmsOf(removed);
        return DeleteScalingPolicyResponse.builder().build();
    }

    /**
     * Target tracking: act on the policies whose alarms are in ALARM; step scaling: act on the
     * policies named by an alarm in ALARM (called after each evaluation).
     */
    public void actOnAlarms() {
        idleComponentsReportZero();
        for (Map.Entry<Key, Map<String, ScalingPolicy>> entry : List.copyOf(policies.entrySet())) {
            ScalableTarget target = targets.get(entry.getKey());
            if (target == null) {
                continue;
            }
            for (ScalingPolicy policy : List.copyOf(entry.getValue().values())) {
                if (policy.stepScalingPolicyConfiguration() != null && "StepScaling".equals(policy.policyTypeAsString())) {
                    for (MetricAlarm alarm : cloudWatch.alarmingWithAction(policy.policyARN())) {
                        step(entry.getKey(), target, policy, alarm);
                    }
                    continue;
                }
                TargetTrackingScalingPolicyConfiguration tracking = policy.targetTrackingScalingPolicyConfiguration();
                if (tracking == null || !policy.hasAlarms()) {
                    continue;
                }
                for (Alarm alarm : policy.alarms()) {
                    if (cloudWatch.inAlarm(alarm.alarmName())) {
                        scale(entry.getKey(), target, tracking, alarm.alarmName().contains("-AlarmHigh-"),
                                cloudWatch.newestValue(alarm.alarmName()));
                    }
                }
            }
        }
    }

    /**
     * A component with copies and a target-tracking policy on a predefined metric reports a per-copy
     * value of 0 for every minute without requests, so that its AlarmLow sees the idle minutes and
     * scales it in, to 0 copies when its minimum is 0. AWS does scale an idle component in ("When our
     * SageMaker endpoint doesn't receive requests for 15 minutes, it will automatically scale down to
     * zero the number of model copies",
     * <a href="https://aws.amazon.com/blogs/machine-learning/unlock-cost-savings-with-the-new-scale-down-to-zero-feature-in-amazon-sagemaker-inference/">
     * scale down to zero</a>; the fake's AlarmLow has 15 one-minute periods), while an idle variant is not:
     * "If a model's traffic becomes zero, SageMaker automatic scaling doesn't scale in"
     * (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-edit.html">Edit a scaling
     * policy</a>). How AWS feeds the component's alarms is not documented; the fake puts a 0 data point (which
     * leaves the {@code Sum} the alarms use unchanged) once a minute, and none for a component at 0 copies,
     * so target tracking never scales out from zero.
     */
    private void idleComponentsReportZero() {
        for (Map.Entry<Key, Map<String, ScalingPolicy>> entry : policies.entrySet()) {
            Key key = entry.getKey();
            boolean tracked = entry.getValue().values().stream().anyMatch(p -> p.targetTrackingScalingPolicyConfiguration() != null
                    && p.targetTrackingScalingPolicyConfiguration().customizedMetricSpecification() == null);
            if (!tracked || !COMPONENT_DIMENSION.equals(key.dimension()) || !targets.containsKey(key)) {
                continue;
            }
            InferenceComponent ic = component(key);
            Instant last = lastZero.get(key);
            if (ic == null || ic.serving().isEmpty() || last != null && sim.now().isBefore(last.plus(Duration.ofMinutes(1)))) {
                continue;
            }
            lastZero.put(key, sim.now());
            cloudWatch.metrics().put(new MetricKey("AWS/SageMaker", "InvocationsPerCopy",
                    Map.of("InferenceComponentName", ic.name())), sim.now(), 0);
        }
    }

    private void scale(Key key, ScalableTarget target, TargetTrackingScalingPolicyConfiguration tracking, boolean out,
            Double value) {
        if (value == null || (!out && Boolean.TRUE.equals(tracking.disableScaleIn()))) {
            return;
        }
        Integer cooldown = out ? tracking.scaleOutCooldown() : tracking.scaleInCooldown();
        Instant last = lastScaled.get(key);
        if (last != null && sim.now().isBefore(last.plus(Duration.ofSeconds(cooldown == null ? 300 : cooldown)))) {
            return;
        }
        int current = liveCapacity(key);
        if (current < 0) {
            return;
        }
        int desired = (int) Math.ceil(current * value / tracking.targetValue());
        desired = out ? Math.max(desired, current + 1) : Math.min(desired, current - 1);
        desired = Math.min(ceiling(key), Math.max(target.minCapacity(), Math.min(target.maxCapacity(), desired)));
        if (desired == current) {
            return;
        }
        lastScaled.put(key, sim.now());
        apply(key, desired);
    }

    private void step(Key key, ScalableTarget target, ScalingPolicy policy, MetricAlarm alarm) {
        StepScalingPolicyConfiguration config = policy.stepScalingPolicyConfiguration();
        Double value = cloudWatch.newestValue(alarm.alarmName());
        Instant last = lastStepped.get(policy.policyARN());
        int cooldown = config.cooldown() == null ? 300 : config.cooldown();
        if (value == null || alarm.threshold() == null
                || last != null && sim.now().isBefore(last.plus(Duration.ofSeconds(cooldown)))) {
            return;
        }
        StepAdjustment step = StepPolicies.stepFor(config, value - alarm.threshold(),
                alarm.comparisonOperatorAsString() != null && alarm.comparisonOperatorAsString().startsWith("Greater"));
        int current = liveCapacity(key);
        if (step == null || current < 0) {
            return;
        }
        int desired = Math.min(ceiling(key), Math.max(target.minCapacity(), Math.min(target.maxCapacity(),
                StepPolicies.desired(config, step, current))));
        if (desired == current) {
            return;
        }
        lastStepped.put(policy.policyARN(), sim.now());
        lastScaled.put(key, sim.now());
        apply(key, desired);
    }

    private void apply(Key key, int desired) {
        if (COMPONENT_DIMENSION.equals(key.dimension())) {
            component(key).scaleTo(desired);
        } else if (PROVISIONED_CONCURRENCY_DIMENSION.equals(key.dimension())) {
            LiveEndpoint e = endpoint(key);
            e.updateProvisionedConcurrency(e.fleet(key.resourceId().split("/")[3]), desired);
        } else {
            LiveEndpoint e = endpoint(key);
            e.updateCapacity(e.fleet(key.resourceId().split("/")[3]), desired, null);
        }
    }

    /** @return the capacity a policy may change now, or -1 while the resource is busy or gone */
    private int liveCapacity(Key key) {
        if (COMPONENT_DIMENSION.equals(key.dimension())) {
            InferenceComponent ic = component(key);
            return ic == null || ic.status() != InferenceComponentStatus.IN_SERVICE ? -1 : ic.desiredCopyCount();
        }
        LiveEndpoint e = endpoint(key);
        Fleet fleet = e == null ? null : e.fleet(key.resourceId().split("/")[3]);
        if (PROVISIONED_CONCURRENCY_DIMENSION.equals(key.dimension())) {
            ProductionVariantServerlessConfig serverless = fleet == null ? null : e.serverlessConfig(fleet);
            return serverless == null || serverless.provisionedConcurrency() == null
                    || e.status() != EndpointStatus.IN_SERVICE ? -1 : serverless.provisionedConcurrency();
        }
        return fleet == null || e.status() != EndpointStatus.IN_SERVICE || fleet.scalingEnabled() ? -1
                : fleet.desiredInstanceCount();
    }

    /**
     * @return the most capacity the resource itself allows: a serverless variant's {@code MaxConcurrency}
     *     for its provisioned concurrency, else no limit beyond the target's maximum
     */
    private int ceiling(Key key) {
        if (!PROVISIONED_CONCURRENCY_DIMENSION.equals(key.dimension())) {
            return Integer.MAX_VALUE;
        }
        LiveEndpoint e = endpoint(key);
        Fleet fleet = e == null ? null : e.fleet(key.resourceId().split("/")[3]);
        ProductionVariantServerlessConfig serverless = fleet == null ? null : e.serverlessConfig(fleet);
        return serverless == null ? Integer.MAX_VALUE : serverless.maxConcurrency();
    }

    private InferenceComponent component(Key key) {
        return components.get(key.resourceId().substring("inference-component/".length()));
    }

    private LiveEndpoint endpoint(Key key) {
        return endpoints.get(key.resourceId().split("/")[1]);
    }

    private void requireSageMaker(String namespace) {
        if (!"sagemaker".equals(namespace)) {
            throw errors.validation("1 validation error detected: Value '" + namespace + "' at 'serviceNamespace'"
                    + " failed to satisfy constraint: FakeSageMaker serves only the sagemaker namespace");
        }
    }

    private String shortId() {
        return sim.ids().requestId().replace("-", "");
    }

}
