package dev.ballast.engine.internal.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.UpdateInferenceComponentRequest;

import dev.ballast.engine.internal.reconcile.Drift;
import dev.ballast.engine.internal.reconcile.Standing;
import dev.ballast.error.TransportException;
import dev.ballast.spec.ComponentSpec;

/**
 * Whose update of an inference component is in flight, once this engine's
 * {@code UpdateInferenceComponent} failed in a way that may have taken effect (a lost answer, a
 * 5xx, a conflict) and the component is {@code Updating}. SageMaker refuses an update while
 * another is in flight, so the update in flight is this engine's only if this engine's request
 * started it. {@code UpdateInferenceComponent} carries no tags and no client token; what
 * SageMaker records of the update is read instead, and the update counts as another writer's as
 * soon as the record shows it:
 *
 * <ul>
 *   <li>while it runs: Describe shows a specification in flight that is neither this engine's nor
 *       the one that ran before; or SageMaker began it ({@code LastModifiedTime}) before this
 *       engine sent its request, by more than {@link #CLOCK_SKEW};</li>
 *   <li>at its end: the component runs a specification that is neither this engine's nor the one
 *       that ran before; or it was rolled back and its {@code LastDeploymentConfig} is not the
 *       policy this engine sent.</li>
 * </ul>
 *
 * Otherwise the update is followed as this engine's, and its outcome says that SageMaker never
 * confirmed it.
 */
final class UpdateOwnership {

    /** How far the engine's clock may be ahead of SageMaker's before a time comparison decides nothing. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(10);

    private UpdateOwnership() {
    }

    /**
     * A component update this engine sent without SageMaker's answer.
     *
     * @param sent the request
     * @param before the component as the plan saw it, if it was seen
     * @param failure the failure of the call, in words
     */
    record Unconfirmed(UpdateInferenceComponentRequest sent, Optional<DescribeInferenceComponentResponse> before, String failure) {
    }

    /** @return why the update in flight is another writer's, or empty when it may be this engine's */
    static Optional<String> othersInFlight(ComponentSpec desired, Unconfirmed mine, DescribeInferenceComponentResponse now, Instant sentAt) {
        if (Drift.sameSpecification(desired, now.specification())) {
            return Optional.empty();
        }
        if (mine.before().isPresent() && !Objects.equals(mine.before().get().specification(), now.specification())) {
            return Optional.of("SageMaker shows another specification in flight (it differs from this spec in "
                    + String.join(", ", Drift.differences(desired, now.specification())) + ")");
        }
        if (now.lastModifiedTime() != null && now.lastModifiedTime().isBefore(sentAt.minus(CLOCK_SKEW))) {
            return Optional.of("SageMaker began it at " + now.lastModifiedTime() + ", before this deployment sent its update at " + sentAt);
        }
        return Optional.empty();
    }

    /**
     * At the end of an update this engine could not confirm as its own, the component does not
     * run the spec.
     *
     * @return why it was another writer's update, or empty when it was rolled back and may have been this engine's
     */
    static Optional<String> othersAtEnd(ComponentSpec desired, Unconfirmed mine, DescribeInferenceComponentResponse end) {
        if (mine.before().isPresent() && !Objects.equals(mine.before().get().specification(), end.specification())) {
            return Optional.of("another writer's update ran instead of this deployment's: component " + desired.name()
                    + " runs a specification that is neither this spec nor the one it ran before (it differs from this spec in "
                    + String.join(", ", Drift.differences(desired, end.specification())) + ")");
        }
        if (mine.sent().deploymentConfig() != null && end.lastDeploymentConfig() != null
                && !Standing.samePolicy(mine.sent().deploymentConfig(), end.lastDeploymentConfig())) {
            return Optional.of("another writer's update was rolled back: its LastDeploymentConfig is not the rolling policy this "
                    + "deployment sent; component " + desired.name() + " runs the specification it ran before");
        }
        return Optional.empty();
    }

    /** @return the conflict while the other writer's update is in flight, in the words of a {@code FAILED} outcome */
    static String conflictInFlight(String resource, String why, Unconfirmed mine) {
        return "conflict: another writer's update of " + resource + " is in flight (" + why + "); nothing of this deployment's "
                + "update took effect: its UpdateInferenceComponent failed (" + mine.failure() + ") and SageMaker refuses an update "
                + "while another runs; apply again once that update has ended";
    }

    /** @return the conflict once the other writer's update ended, in the words of a {@code FAILED} outcome */
    static String conflictAtEnd(String resource, String why, Unconfirmed mine) {
        return "conflict: " + why + "; nothing of this deployment's update took effect: its "
                + "UpdateInferenceComponent failed (" + mine.failure() + ") and SageMaker refuses an update while another runs; "
                + "apply again to converge";
    }

    static String failure(TransportException t) {
        return t.errorCode() + " (HTTP " + t.statusCode() + ")";
    }
}
