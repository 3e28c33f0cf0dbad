package dev.ballast.engine.internal.compile;

import dev.ballast.plan.ApiCall;
import dev.ballast.plan.AwsService;
import dev.ballast.spec.AutoScalingSpec;
import java.util.List;
import java.util.Set;
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
 * PutScalingPolicy</a>): the scalable target of a variant's instance count or a component's copy count, and its
 * target-tracking policy.
 */
public final class ScalingRequests {

    /** The scalable dimension of a variant's instance count. */
    public static final String VARIANT_DIMENSION = "sagemaker:variant:DesiredInstanceCount";
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
    public record Scaled(String resourceId, String dimension, String name) {

        /** @return the scalable target of an endpoint variant's instance count */
        public static Scaled variant(String endpointName, String variantName) {
            return new Scaled("endpoint/" + endpointName + "/variant/" + variantName, VARIANT_DIMENSION, variantName);
        }

        /** @return the scalable target of an inference component's copy count */
        public static Scaled component(String componentName) {
            return new Scaled("inference-component/" + componentName, COMPONENT_DIMENSION, componentName);
        }

        String planResource() {
            return "scalable-target/" + resourceId;
        }
    }

    /** @return {@code RegisterScalableTarget} and {@code PutScalingPolicy}, in that order */
    public static List<ApiCall> attach(Scaled target, AutoScalingSpec a, String reason) {
        return List.of(register(target, a, reason), putPolicy(target, a, reason));
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
                .targetValue(a.targetValue().orElseThrow())
                .predefinedMetricSpecification(PredefinedMetricSpecification.builder()
                        .predefinedMetricType(a.metric().orElseThrow().awsName()).build());
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
