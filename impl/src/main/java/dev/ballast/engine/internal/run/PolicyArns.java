package dev.ballast.engine.internal.run;

import dev.ballast.engine.internal.call.ResilientCaller;
import dev.ballast.engine.internal.compile.ScalingRequests;
import dev.ballast.plan.ApiCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingPoliciesRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingPoliciesResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;

/**
 * Fills in the ARNs of step-scaling policies that a plan's alarms refer to
 * ({@link ScalingRequests#policyArnOf}): the ARN a {@code PutScalingPolicy} of this run answered with,
 * or, after a restart, the one {@code DescribeScalingPolicies} shows.
 */
final class PolicyArns {

    private final ResilientCaller calls;
    /** By {@code <resource id> <policy name>}. */
    private final Map<String, String> known = new ConcurrentHashMap<>();

    PolicyArns(ResilientCaller calls) {
        this.calls = calls;
    }

    /** Remembers the ARN a policy got. */
    void sent(ApiCall call, SdkResponse response) {
        if (call.request() instanceof PutScalingPolicyRequest put && response instanceof PutScalingPolicyResponse r && r.policyARN() != null) {
            known.put(put.resourceId() + " " + put.policyName(), r.policyARN());
        }
    }

    /** @return the call with every policy reference in its {@code AlarmActions} replaced by the policy's ARN */
    CompletableFuture<ApiCall> resolve(ApiCall call) {
        if (!(call.request() instanceof PutMetricAlarmRequest put) || !put.hasAlarmActions()
                || put.alarmActions().stream().noneMatch(a -> ScalingRequests.policyArnRef(a).isPresent())) {
            return CompletableFuture.completedFuture(call);
        }
        List<String> actions = new ArrayList<>();
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (String action : put.alarmActions()) {
            Optional<String[]> ref = ScalingRequests.policyArnRef(action);
            chain = chain.thenCompose(x -> ref.isEmpty() ? CompletableFuture.completedFuture(action) : arn(ref.get()[0], ref.get()[1]))
                    .thenAccept(actions::add);
        }
        return chain.thenApply(x -> new ApiCall(call.service(), call.operation(), call.resource(), call.reason(),
                put.toBuilder().alarmActions(actions).build(), call.redactedPaths()));
    }

    private CompletableFuture<String> arn(String resourceId, String policyName) {
        String arn = known.get(resourceId + " " + policyName);
        if (arn != null) {
            return CompletableFuture.completedFuture(arn);
        }
        return calls.call(DescribeScalingPoliciesRequest.builder().serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(resourceId)
                        .policyNames(policyName).build(), DescribeScalingPoliciesResponse.class)
                .thenApply(r -> r.scalingPolicies().stream().filter(p -> p.policyName().equals(policyName)).findFirst()
                        .map(p -> p.policyARN())
                        .orElseThrow(() -> new IllegalStateException("The alarm names step-scaling policy " + policyName + " on "
                                + resourceId + ", which does not exist: put the policy before its alarm (apply the whole plan)")));
    }
}
