package dev.ballast.engine.internal.reconcile;

import java.util.List;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;

/**
 * A registered scalable target and its policies, as Application Auto Scaling describes them.
 *
 * @param target the registration
 * @param policies its scaling policies
 */
public record ScalingObserved(ScalableTarget target, List<ScalingPolicy> policies) {
}
