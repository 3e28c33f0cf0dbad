package dev.ballast.testkit.internal;

import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
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

/** {@link ApplicationAutoScalingClient} over the fake world: scalable targets and scaling policies. */
final class AutoScalingFacade implements ApplicationAutoScalingClient {

    private final World world;

    AutoScalingFacade(World world) {
        this.world = world;
    }

    @Override
    public RegisterScalableTargetResponse registerScalableTarget(RegisterScalableTargetRequest request) {
        return world.call(request);
    }

    @Override
    public DescribeScalableTargetsResponse describeScalableTargets(DescribeScalableTargetsRequest request) {
        return world.call(request);
    }

    @Override
    public DeregisterScalableTargetResponse deregisterScalableTarget(DeregisterScalableTargetRequest request) {
        return world.call(request);
    }

    @Override
    public PutScalingPolicyResponse putScalingPolicy(PutScalingPolicyRequest request) {
        return world.call(request);
    }

    @Override
    public DescribeScalingPoliciesResponse describeScalingPolicies(DescribeScalingPoliciesRequest request) {
        return world.call(request);
    }

    @Override
    public DeleteScalingPolicyResponse deleteScalingPolicy(DeleteScalingPolicyRequest request) {
        return world.call(request);
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
