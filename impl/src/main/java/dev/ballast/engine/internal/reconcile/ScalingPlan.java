package dev.ballast.engine.internal.reconcile;

import dev.ballast.engine.internal.compile.ScalingRequests;
import dev.ballast.engine.internal.compile.ScalingRequests.Scaled;
import dev.ballast.plan.ApiCall;
import dev.ballast.plan.PlanStep;
import dev.ballast.spec.AutoScalingSpec;
import dev.ballast.spec.StepScalingSpec;
import java.util.ArrayList;
import java.util.Map;
import software.amazon.awssdk.services.applicationautoscaling.model.StepScalingPolicyConfiguration;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;

/**
 * Plans the auto scaling of one variant or component against what Application Auto Scaling has:
 * register the target when it is missing or its bounds differ, put each policy when it is missing
 * or configured differently, and each step-scaling alarm when it is missing, differs or does not
 * name its policy. All these calls are idempotent, so a repeated step does no harm.
 */
final class ScalingPlan {

    private ScalingPlan() {
    }

    static List<PlanStep> steps(Scaled target, AutoScalingSpec desired, Optional<ScalingObserved> running, String what) {
        return steps(target, desired, running, Map.of(), what);
    }

    /**
     * @param alarms the step-scaling alarms that exist, by name ({@link ScalingRequests#stepAlarmNames})
     */
    static List<PlanStep> steps(Scaled target, AutoScalingSpec desired, Optional<ScalingObserved> running,
                                Map<String, MetricAlarm> alarms, String what) {
        List<PlanStep> steps = new ArrayList<>();
        if (running.isEmpty()) {
            steps.addAll(ScalingRequests.attach(target, desired, "auto scaling of " + what + " is not registered yet: "
                    + desired.min() + ".." + desired.max() + (desired.tracks() ? ", " + desired.metric().map(m -> m.awsName())
                            .orElseGet(() -> desired.customMetric().map(m -> m.metricName())
                            .orElseGet(() -> "metric math")) + " at " + desired.targetValue().orElseThrow() : "")
                    + (desired.allStepPolicies().isEmpty() ? "" : ", " + desired.allStepPolicies().size() + " step-scaling polic"
                            + (desired.allStepPolicies().size() == 1 ? "y" : "ies"))));
            return steps;
        }
        ScalingObserved r = running.get();
        if (!Objects.equals(r.target().minCapacity(), desired.min()) || !Objects.equals(r.target().maxCapacity(), desired.max())) {
            steps.add(ScalingRequests.register(target, desired, "auto scaling bounds of " + what + " are "
                    + r.target().minCapacity() + ".." + r.target().maxCapacity() + "; the spec says " + desired.min() + ".." + desired.max()));
        }
        if (desired.tracks()) {
            ApiCall put = ScalingRequests.putPolicy(target, desired, "");
            PutScalingPolicyRequest wanted = (PutScalingPolicyRequest) put.request();
            Optional<ScalingPolicy> policy = r.policies().stream().filter(p -> p.policyName().equals(wanted.policyName())).findFirst();
            if (policy.isEmpty()) {
                steps.add(ScalingRequests.putPolicy(target, desired, "scaling policy " + wanted.policyName() + " of " + what + " does not exist yet"));
            } else if (!samePolicy(wanted.targetTrackingScalingPolicyConfiguration(), policy.get().targetTrackingScalingPolicyConfiguration())) {
                steps.add(ScalingRequests.putPolicy(target, desired, "scaling policy " + wanted.policyName() + " of " + what + " is configured differently"));
            }
        }
        for (StepScalingSpec p : desired.allStepPolicies()) {
            stepPolicy(target, p, r, alarms, what, steps);
        }
        // Ballast's own policies the spec no longer declares; a policy of another name is someone else's.
        String tracking = target.name() + "-target-tracking";
        if (!desired.tracks() && r.policies().stream().anyMatch(p -> p.policyName().equals(tracking))) {
            steps.add(ScalingRequests.deletePolicy(target, tracking, "the spec no longer tracks a metric for " + what));
        }
        java.util.Set<String> wanted = new java.util.HashSet<>();
        desired.allStepPolicies().forEach(p -> wanted.add(p.resolvedPolicyName(target.name())));
        List<String> gone = r.policies().stream().map(ScalingPolicy::policyName)
                .filter(n -> n.startsWith(target.name() + "-step-") && !wanted.contains(n)).toList();
        for (String name : gone) {
            steps.add(ScalingRequests.deletePolicy(target, name, "the spec no longer has step-scaling policy " + name + " of " + what));
        }
        if (!gone.isEmpty() && target.endpointName() != null) {
            steps.add(ScalingRequests.deleteStepAlarms(target, gone, "the alarms of the step-scaling policies " + what + " no longer has"));
        }
        return steps;
    }

    /**
     * A step-scaling policy and its alarm: the policy put when missing or configured differently,
     * then the alarm put when missing, configured differently or not naming the policy's ARN. An
     * existing policy keeps its ARN, which the alarm then carries; a new one's is filled in by the
     * engine from the policy's response.
     */
    private static void stepPolicy(Scaled target, StepScalingSpec p, ScalingObserved r, Map<String, MetricAlarm> alarms, String what,
                                   List<PlanStep> steps) {
        String name = p.resolvedPolicyName(target.name());
        ApiCall put = ScalingRequests.putStepPolicy(target, p, "");
        Optional<ScalingPolicy> policy = r.policies().stream().filter(x -> x.policyName().equals(name)).findFirst();
        String arn;
        if (policy.isEmpty()) {
            steps.add(ScalingRequests.putStepPolicy(target, p, "step-scaling policy " + name + " of " + what + " does not exist yet"));
            arn = ScalingRequests.policyArnOf(target.resourceId(), name);
        } else {
            arn = policy.get().policyARN();
            if (!sameSteps(((PutScalingPolicyRequest) put.request()).stepScalingPolicyConfiguration(),
                    policy.get().stepScalingPolicyConfiguration())) {
                steps.add(ScalingRequests.putStepPolicy(target, p, "step-scaling policy " + name + " of " + what + " is configured differently"));
            }
        }
        ApiCall alarm = ScalingRequests.putStepAlarm(target, p, arn, "");
        PutMetricAlarmRequest wanted = (PutMetricAlarmRequest) alarm.request();
        MetricAlarm existing = alarms.get(wanted.alarmName());
        String why = existing == null ? "does not exist yet"
                : !Drift.sameAlarm(wanted, existing) ? "is configured differently"
                : !existing.alarmActions().equals(wanted.alarmActions()) ? "does not name the policy's ARN in its AlarmActions" : null;
        if (why != null) {
            steps.add(ScalingRequests.putStepAlarm(target, p, arn, "alarm of step-scaling policy " + name + " of " + what + " " + why));
        }
    }

    private static boolean sameSteps(StepScalingPolicyConfiguration want, StepScalingPolicyConfiguration have) {
        if (have == null) {
            return false;
        }
        return Objects.equals(want.adjustmentTypeAsString(), have.adjustmentTypeAsString())
                && new java.util.HashSet<>(want.stepAdjustments()).equals(new java.util.HashSet<>(have.stepAdjustments()))
                && Objects.equals(want.cooldown(), have.cooldown())
                && Objects.equals(want.metricAggregationTypeAsString(), have.metricAggregationTypeAsString())
                && Objects.equals(want.minAdjustmentMagnitude(), have.minAdjustmentMagnitude());
    }

    /**
     * A target the spec no longer declares: deregistered when Ballast created it (it carries a
     * policy of Ballast's default name), left alone when someone else manages it.
     */
    static List<PlanStep> removed(Scaled target, ScalingObserved running, String what) {
        String ballastPolicy = target.name() + "-target-tracking";
        String ballastSteps = target.name() + "-step-";
        if (running.policies().stream().noneMatch(p -> p.policyName().equals(ballastPolicy) || p.policyName().startsWith(ballastSteps))) {
            return List.of();
        }
        List<PlanStep> steps = new ArrayList<>();
        steps.add(ScalingRequests.deregister(target, "the spec no longer scales " + what + " automatically"));
        List<String> stepPolicies = running.policies().stream().map(ScalingPolicy::policyName)
                .filter(n -> n.startsWith(ballastSteps)).toList();
        if (!stepPolicies.isEmpty() && target.endpointName() != null) {
            steps.add(ScalingRequests.deleteStepAlarms(target, stepPolicies, "the alarms of its step-scaling policies, which deregistering leaves"));
        }
        return steps;
    }

    private static boolean samePolicy(TargetTrackingScalingPolicyConfiguration want, TargetTrackingScalingPolicyConfiguration have) {
        if (have == null) {
            return false;
        }
        return Objects.equals(want.targetValue(), have.targetValue())
                && Objects.equals(metric(want), metric(have))
                && Objects.equals(want.customizedMetricSpecification(), have.customizedMetricSpecification())
                && Objects.equals(want.scaleInCooldown(), have.scaleInCooldown())
                && Objects.equals(want.scaleOutCooldown(), have.scaleOutCooldown())
                && Boolean.TRUE.equals(want.disableScaleIn()) == Boolean.TRUE.equals(have.disableScaleIn());
    }

    private static String metric(TargetTrackingScalingPolicyConfiguration c) {
        return c.predefinedMetricSpecification() == null ? null : c.predefinedMetricSpecification().predefinedMetricTypeAsString();
    }
}
