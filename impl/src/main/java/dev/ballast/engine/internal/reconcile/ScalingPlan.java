package dev.ballast.engine.internal.reconcile;

import dev.ballast.engine.internal.compile.ScalingRequests;
import dev.ballast.engine.internal.compile.ScalingRequests.Scaled;
import dev.ballast.plan.ApiCall;
import dev.ballast.plan.PlanStep;
import dev.ballast.spec.AutoScalingSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;

/**
 * Plans the auto scaling of one variant or component against what Application Auto Scaling has:
 * register the target when it is missing or its bounds differ, put the policy when it is missing
 * or configured differently. Both calls are idempotent, so a repeated step does no harm.
 */
final class ScalingPlan {

    private ScalingPlan() {
    }

    static List<PlanStep> steps(Scaled target, AutoScalingSpec desired, Optional<ScalingObserved> running, String what) {
        List<PlanStep> steps = new ArrayList<>();
        if (running.isEmpty()) {
            steps.addAll(ScalingRequests.attach(target, desired, "auto scaling of " + what + " is not registered yet: "
                    + desired.min() + ".." + desired.max() + ", " + desired.metric().orElseThrow().awsName() + " at " + desired.targetValue().orElseThrow()));
            return steps;
        }
        ScalingObserved r = running.get();
        if (!Objects.equals(r.target().minCapacity(), desired.min()) || !Objects.equals(r.target().maxCapacity(), desired.max())) {
            steps.add(ScalingRequests.register(target, desired, "auto scaling bounds of " + what + " are "
                    + r.target().minCapacity() + ".." + r.target().maxCapacity() + "; the spec says " + desired.min() + ".." + desired.max()));
        }
        ApiCall put = ScalingRequests.putPolicy(target, desired, "");
        PutScalingPolicyRequest wanted = (PutScalingPolicyRequest) put.request();
        Optional<ScalingPolicy> policy = r.policies().stream().filter(p -> p.policyName().equals(wanted.policyName())).findFirst();
        if (policy.isEmpty()) {
            steps.add(ScalingRequests.putPolicy(target, desired, "scaling policy " + wanted.policyName() + " of " + what + " does not exist yet"));
        } else if (!samePolicy(wanted.targetTrackingScalingPolicyConfiguration(), policy.get().targetTrackingScalingPolicyConfiguration())) {
            steps.add(ScalingRequests.putPolicy(target, desired, "scaling policy " + wanted.policyName() + " of " + what + " is configured differently"));
        }
        return steps;
    }

    /**
     * A target the spec no longer declares: deregistered when Ballast created it (it carries a
     * policy of Ballast's default name), left alone when someone else manages it.
     */
    static List<PlanStep> removed(Scaled target, ScalingObserved running, String what) {
        String ballastPolicy = target.name() + "-target-tracking";
        if (running.policies().stream().noneMatch(p -> p.policyName().equals(ballastPolicy))) {
            return List.of();
        }
        return List.of(ScalingRequests.deregister(target, "the spec no longer scales " + what + " automatically"));
    }

    private static boolean samePolicy(TargetTrackingScalingPolicyConfiguration want, TargetTrackingScalingPolicyConfiguration have) {
        if (have == null) {
            return false;
        }
        return Objects.equals(want.targetValue(), have.targetValue())
                && Objects.equals(metric(want), metric(have))
                && Objects.equals(want.scaleInCooldown(), have.scaleInCooldown())
                && Objects.equals(want.scaleOutCooldown(), have.scaleOutCooldown())
                && Boolean.TRUE.equals(want.disableScaleIn()) == Boolean.TRUE.equals(have.disableScaleIn());
    }

    private static String metric(TargetTrackingScalingPolicyConfiguration c) {
        return c.predefinedMetricSpecification() == null ? null : c.predefinedMetricSpecification().predefinedMetricTypeAsString();
    }
}
