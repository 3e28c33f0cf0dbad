package dev.ballast.engine.internal.compile;

import dev.ballast.plan.ApiCall;
import dev.ballast.plan.AwsService;
import dev.ballast.spec.AutoScalingSpec;
import dev.ballast.spec.CustomMetricSpec;
import dev.ballast.spec.StepScalingSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.applicationautoscaling.model.CustomizedMetricSpecification;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.StepAdjustment;
import software.amazon.awssdk.services.applicationautoscaling.model.StepScalingPolicyConfiguration;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DeleteScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DeregisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.PredefinedMetricSpecification;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;

/**
 * Application Auto Scaling requests for SageMaker
 * (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling.html">auto scaling of
 * SageMaker models</a>,
 * <a href="https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScalingPolicy.html">
 * PutScalingPolicy</a>): the scalable target of a variant's instance count (a serverless variant's provisioned
 * concurrency) or a component's copy count, its
 * target-tracking policy (on a predefined or a customized metric), and its step-scaling policies with their alarms.
 *
 * <p>A step-scaling policy acts only when an alarm whose {@code AlarmActions} names the policy's ARN goes
 * into {@code ALARM}, and the ARN is known only from {@code PutScalingPolicy}'s response. So a plan puts
 * the policy first and then the alarm, whose {@code AlarmActions} hold a reference,
 * {@code {PolicyARN of <policy> on <resource id>}} ({@link #policyArnOf}), when the policy does not exist
 * yet; the engine replaces it with the ARN the policy got before it sends the alarm. When the policy
 * exists already, the plan carries its real ARN.
 */
public final class ScalingRequests {

    /** The scalable dimension of a variant's instance count. */
    public static final String VARIANT_DIMENSION = "sagemaker:variant:DesiredInstanceCount";
    /**
     * The scalable dimension of a serverless variant's provisioned concurrency
     * (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints-autoscale.html">serverless
     * auto scaling</a>).
     */
    public static final String PROVISIONED_CONCURRENCY_DIMENSION = "sagemaker:variant:DesiredProvisionedConcurrency";
    /** The scalable dimension of an inference component's copy count. */
    public static final String COMPONENT_DIMENSION = "sagemaker:inference-component:DesiredCopyCount";

    private ScalingRequests() {
    }

    /**
     * A scaled resource: its Application Auto Scaling id and dimension, and a name for plans.
     *
     * @param resourceId for example {@code endpoint/my-endpoint/variant/AllTraffic}
     * @param dimension {@link #VARIANT_DIMENSION} or {@link #COMPONENT_DIMENSION}
     * @param name the variant or component name, for the default policy name
     */
    public record Scaled(String resourceId, String dimension, String name, String endpointName) {

        /** A target whose endpoint is not needed (no step-scaling alarm is planned for it). */
        public Scaled(String resourceId, String dimension, String name) {
            this(resourceId, dimension, name, null);
        }

        /** @return the scalable target of an endpoint variant's instance count */
        public static Scaled variant(String endpointName, String variantName) {
            return new Scaled("endpoint/" + endpointName + "/variant/" + variantName, VARIANT_DIMENSION, variantName, endpointName);
        }

        /**
         * @return the scalable target of the variant: its instance count, or a serverless variant's
         *     provisioned concurrency
         */
        public static Scaled variant(String endpointName, dev.ballast.spec.VariantSpec v) {
            return v.serverless().isPresent()
                    ? new Scaled("endpoint/" + endpointName + "/variant/" + v.name(), PROVISIONED_CONCURRENCY_DIMENSION, v.name(), endpointName)
                    : variant(endpointName, v.name());
        }

        /** @return the scalable target of an inference component's copy count */
        public static Scaled component(String componentName) {
            return new Scaled("inference-component/" + componentName, COMPONENT_DIMENSION, componentName, null);
        }

        /** @return the scalable target of an inference component's copy count, on its endpoint */
        public static Scaled component(String endpointName, String componentName) {
            return new Scaled("inference-component/" + componentName, COMPONENT_DIMENSION, componentName, endpointName);
        }

        /** @return the dimensions of the SageMaker metrics of the scaled variant or component */
        Map<String, String> boundDimensions() {
            Map<String, String> dims = new java.util.LinkedHashMap<>();
            if (!dimension.equals(COMPONENT_DIMENSION)) {
                dims.put("EndpointName", endpointName);
                dims.put("VariantName", name);
            } else {
                dims.put("InferenceComponentName", name);
            }
            return dims;
        }

        String planResource() {
            return "scalable-target/" + resourceId;
        }
    }

    /**
     * @return {@code RegisterScalableTarget}, the target-tracking {@code PutScalingPolicy}, and per
     *     step-scaling policy its {@code PutScalingPolicy} and its alarm's {@code PutMetricAlarm}, in that order
     */
    public static List<ApiCall> attach(Scaled target, AutoScalingSpec a, String reason) {
        List<ApiCall> calls = new ArrayList<>();
        calls.add(register(target, a, reason));
        if (a.tracks()) {
            calls.add(putPolicy(target, a, reason));
        }
        for (StepScalingSpec p : a.allStepPolicies()) {
            String name = p.resolvedPolicyName(target.name());
            boolean fromZero = a.scaleOutFromZero().filter(p::equals).isPresent();
            calls.add(putStepPolicy(target, p, fromZero ? "scales " + kind(target) + target.name() + " out from 0 copies (target tracking"
                    + " cannot leave 0; SageMaker's scale-to-zero requires this step policy), once it is in service"
                    : "step-scaling policy of " + kind(target) + target.name() + ", once it is in service"));
            calls.add(putStepAlarm(target, p, policyArnOf(target.resourceId(), name), "the alarm that sets off " + name
                    + "; the engine puts in the ARN that PutScalingPolicy answered"));
        }
        return calls;
    }

    /** @return the names of the alarms of the step-scaling policies of one variant or component */
    public static Set<String> stepAlarmNames(String endpointName, String resourceName, AutoScalingSpec a) {
        Set<String> names = new java.util.LinkedHashSet<>();
        a.allStepPolicies().forEach(p -> names.add(p.resolvedAlarmName(endpointName, resourceName)));
        return names;
    }

    private static String kind(Scaled target) {
        return target.dimension().equals(COMPONENT_DIMENSION) ? "component " : "variant ";
    }

    /** @return the reference a plan's {@code AlarmActions} holds until the policy's ARN is known */
    public static String policyArnOf(String resourceId, String policyName) {
        return ARN_REF_START + policyName + ARN_REF_ON + resourceId + "}";
    }

    private static final String ARN_REF_START = "{PolicyARN of ";
    private static final String ARN_REF_ON = " on ";

    /**
     * @param action an alarm action
     * @return the resource id and the policy name the action refers to, or empty for an ARN
     */
    public static java.util.Optional<String[]> policyArnRef(String action) {
        if (action == null || !action.startsWith(ARN_REF_START) || !action.endsWith("}")) {
            return java.util.Optional.empty();
        }
        String body = action.substring(ARN_REF_START.length(), action.length() - 1);
        int on = body.lastIndexOf(ARN_REF_ON);
        return on < 0 ? java.util.Optional.empty()
                : java.util.Optional.of(new String[] {body.substring(on + ARN_REF_ON.length()), body.substring(0, on)});
    }

    /** @return the {@code PutScalingPolicy} call of a step-scaling policy */
    public static ApiCall putStepPolicy(Scaled target, StepScalingSpec p, String reason) {
        List<StepAdjustment> steps = new ArrayList<>();
        for (StepScalingSpec.Step s : p.steps()) {
            StepAdjustment.Builder b = StepAdjustment.builder().scalingAdjustment(s.adjustment());
            p.relativeLower(s).ifPresent(b::metricIntervalLowerBound);
            p.relativeUpper(s).ifPresent(b::metricIntervalUpperBound);
            steps.add(b.build());
        }
        StepScalingPolicyConfiguration.Builder config = StepScalingPolicyConfiguration.builder()
                .adjustmentType(p.steps().get(0).type().awsName())
                .stepAdjustments(steps);
        p.cooldown().ifPresent(d -> config.cooldown(ComponentEndpointRequests.seconds(d)));
        p.aggregation().ifPresent(a -> config.metricAggregationType(a.awsName()));
        p.minAdjustmentMagnitude().ifPresent(config::minAdjustmentMagnitude);
        PutScalingPolicyRequest request = PutScalingPolicyRequest.builder()
                .policyName(p.resolvedPolicyName(target.name()))
                .serviceNamespace(ServiceNamespace.SAGEMAKER)
                .resourceId(target.resourceId())
                .scalableDimension(target.dimension())
                .policyType(PolicyType.STEP_SCALING)
                .stepScalingPolicyConfiguration(config.build())
                .build();
        return new ApiCall(AwsService.APPLICATION_AUTO_SCALING, "PutScalingPolicy", target.planResource(), reason, request, Set.of());
    }

    /**
     * @param policyArn the policy's ARN, or the {@link #policyArnOf reference} to it while it does not exist
     * @return the {@code PutMetricAlarm} call of the alarm that invokes a step-scaling policy
     */
    public static ApiCall putStepAlarm(Scaled target, StepScalingSpec p, String policyArn, String reason) {
        String name = p.resolvedAlarmName(target.endpointName(), target.name());
        PutMetricAlarmRequest alarm = ComponentEndpointRequests.putAlarm(p.alarm(), name,
                p.alarm().describing("step-scaling alarm of policy " + p.resolvedPolicyName(target.name()),
                        (target.dimension().equals(COMPONENT_DIMENSION) ? "inference component " : "variant ") + target.name()),
                target.boundDimensions());
        return new ApiCall(AwsService.CLOUDWATCH, "PutMetricAlarm", "alarm/" + name, reason,
                alarm.toBuilder().alarmActions(policyArn).build(), Set.of());
    }

    /** @return the {@code RegisterScalableTarget} call */
    public static ApiCall register(Scaled target, AutoScalingSpec a, String reason) {
        RegisterScalableTargetRequest request = RegisterScalableTargetRequest.builder()
                .serviceNamespace(ServiceNamespace.SAGEMAKER)
                .resourceId(target.resourceId())
                .scalableDimension(target.dimension())
                .minCapacity(a.min())
                .maxCapacity(a.max())
                .build();
        return new ApiCall(AwsService.APPLICATION_AUTO_SCALING, "RegisterScalableTarget", target.planResource(), reason, request, Set.of());
    }

    /** @return the {@code PutScalingPolicy} call of the target-tracking policy */
    public static ApiCall putPolicy(Scaled target, AutoScalingSpec a, String reason) {
        TargetTrackingScalingPolicyConfiguration.Builder config = TargetTrackingScalingPolicyConfiguration.builder()
                .targetValue(a.targetValue().orElseThrow());
        if (a.customMetric().isPresent()) {
            CustomMetricSpec m = a.customMetric().get();
            CustomizedMetricSpecification.Builder custom = CustomizedMetricSpecification.builder()
                    .metricName(m.metricName()).namespace(m.namespace().orElseThrow()).statistic(m.statistic().awsName())
                    .dimensions(m.dimensions().entrySet().stream()
                            .map(d -> MetricDimension.builder().name(d.getKey()).value(d.getValue()).build()).toList());
            m.unit().ifPresent(custom::unit);
            config.customizedMetricSpecification(custom.build());
        } else if (!a.metricMath().isEmpty()) {
            config.customizedMetricSpecification(CustomizedMetricSpecification.builder().metrics(a.metricMath().stream()
                    .map(ScalingRequests::mathQuery).toList()).build());
        } else {
            config.predefinedMetricSpecification(PredefinedMetricSpecification.builder()
                    .predefinedMetricType(a.metric().orElseThrow().awsName()).build());
        }
        a.scaleOutCooldown().ifPresent(d -> config.scaleOutCooldown(ComponentEndpointRequests.seconds(d)));
        a.scaleInCooldown().ifPresent(d -> config.scaleInCooldown(ComponentEndpointRequests.seconds(d)));
        if (a.scaleInDisabled()) {
            config.disableScaleIn(true);
        }
        PutScalingPolicyRequest request = PutScalingPolicyRequest.builder()
                .policyName(a.resolvedPolicyName(target.name()))
                .serviceNamespace(ServiceNamespace.SAGEMAKER)
                .resourceId(target.resourceId())
                .scalableDimension(target.dimension())
                .policyType(PolicyType.TARGET_TRACKING_SCALING)
                .targetTrackingScalingPolicyConfiguration(config.build())
                .build();
        return new ApiCall(AwsService.APPLICATION_AUTO_SCALING, "PutScalingPolicy", target.planResource(), reason, request, Set.of());
    }

    /** @return one query of target tracking on metric math, {@code ReturnData} always sent */
    private static software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingMetricDataQuery mathQuery(
            CustomMetricSpec.MathQuery q) {
        var b = software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingMetricDataQuery.builder().id(q.id());
        q.expression().ifPresent(b::expression);
        q.metric().ifPresent(m -> {
            var stat = software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingMetricStat.builder()
                    .metric(x -> x.metricName(m.metricName()).namespace(m.namespace().orElseThrow())
                            .dimensions(m.dimensions().entrySet().stream().map(d -> software.amazon.awssdk.services
                                    .applicationautoscaling.model.TargetTrackingMetricDimension.builder().name(d.getKey())
                                    .value(d.getValue()).build()).toList()))
                    .stat(m.statistic().awsName());
            m.unit().ifPresent(stat::unit);
            b.metricStat(stat.build());
        });
        q.label().ifPresent(b::label);
        return b.returnData(q.returnData()).build();
    }

    /** @return the {@code DeleteScalingPolicy} call of one policy of the target */
    public static ApiCall deletePolicy(Scaled target, String policyName, String reason) {
        DeleteScalingPolicyRequest request = DeleteScalingPolicyRequest.builder()
                .policyName(policyName)
                .serviceNamespace(ServiceNamespace.SAGEMAKER)
                .resourceId(target.resourceId())
                .scalableDimension(target.dimension())
                .build();
        return new ApiCall(AwsService.APPLICATION_AUTO_SCALING, "DeleteScalingPolicy", target.planResource(), reason, request, Set.of());
    }

    /**
     * @param policyNames step-scaling policies of Ballast's naming that go away
     * @return the {@code DeleteAlarms} call of their alarms, by Ballast's naming ({@code <endpoint>-<policy>}),
     *     which Application Auto Scaling leaves behind; CloudWatch ignores names that do not exist
     */
    public static ApiCall deleteStepAlarms(Scaled target, List<String> policyNames, String reason) {
        List<String> alarms = policyNames.stream().map(n -> (target.endpointName() + "-" + n).toLowerCase(java.util.Locale.ROOT)).toList();
        return new ApiCall(AwsService.CLOUDWATCH, "DeleteAlarms", "alarm/" + alarms.get(0), reason,
                software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsRequest.builder().alarmNames(alarms).build(), Set.of());
    }

    /** @return the {@code DeregisterScalableTarget} call; it also deletes the target's policies */
    public static ApiCall deregister(Scaled target, String reason) {
        DeregisterScalableTargetRequest request = DeregisterScalableTargetRequest.builder()
                .serviceNamespace(ServiceNamespace.SAGEMAKER)
                .resourceId(target.resourceId())
                .scalableDimension(target.dimension())
                .build();
        return new ApiCall(AwsService.APPLICATION_AUTO_SCALING, "DeregisterScalableTarget", target.planResource(), reason, request, Set.of());
    }
}
