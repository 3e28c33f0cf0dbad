package dev.ballast.testkit.assertions;

import java.util.Map;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;

/** Assertions on one inference component as DescribeInferenceComponent shows it. */
public final class InferenceComponentAssert
        extends AbstractAssert<InferenceComponentAssert, DescribeInferenceComponentResponse> {

    InferenceComponentAssert(DescribeInferenceComponentResponse actual) {
        super(actual, InferenceComponentAssert.class);
    }

    /** Verifies the status. */
    public InferenceComponentAssert hasStatus(InferenceComponentStatus expected) {
        if (actual.inferenceComponentStatus() != expected) {
            failWithActualExpectedAndMessage(actual.inferenceComponentStatusAsString(), expected.toString(),
                    "Expecting inference component '%s' to be %s but was %s (FailureReason: %s)",
                    actual.inferenceComponentName(), expected, actual.inferenceComponentStatusAsString(),
                    actual.failureReason());
        }
        return this;
    }

    /** Verifies the component is InService. */
    public InferenceComponentAssert isInService() {
        return hasStatus(InferenceComponentStatus.IN_SERVICE);
    }

    /** Verifies desired and current copy counts. */
    public InferenceComponentAssert hasCopies(int desired, int current) {
        int actualDesired = actual.runtimeConfig().desiredCopyCount();
        int actualCurrent = actual.runtimeConfig().currentCopyCount();
        if (actualDesired != desired || actualCurrent != current) {
            failWithMessage("Expecting inference component '%s' to have DesiredCopyCount %d and CurrentCopyCount %d"
                    + " but found %d and %d", actual.inferenceComponentName(), desired, current, actualDesired,
                    actualCurrent);
        }
        return this;
    }

    /** Verifies one environment entry of the specification's container (value shown only on mismatch of keys). */
    public InferenceComponentAssert hasEnvironmentEntry(String key, String value) {
        Map<String, String> env = actual.specification() == null || actual.specification().container() == null
                ? Map.of() : actual.specification().container().environment();
        if (!Objects.equals(env.get(key), value)) {
            failWithMessage("Expecting inference component '%s' to run a container with %s set to the expected"
                    + " value but it %s (environment keys: %s)", actual.inferenceComponentName(), key,
                    env.containsKey(key) ? "has another value" : "is unset", env.keySet());
        }
        return this;
    }

    /** Verifies FailureReason is absent. */
    public InferenceComponentAssert hasNoFailureReason() {
        if (actual.failureReason() != null) {
            failWithMessage("Expecting inference component '%s' to have no FailureReason but found: %s",
                    actual.inferenceComponentName(), actual.failureReason());
        }
        return this;
    }

    /** Verifies FailureReason contains a text. */
    public InferenceComponentAssert hasFailureReasonContaining(String text) {
        if (actual.failureReason() == null || !actual.failureReason().contains(text)) {
            failWithMessage("Expecting inference component '%s' to have a FailureReason containing '%s' but found:"
                    + " %s", actual.inferenceComponentName(), text, actual.failureReason());
        }
        return this;
    }
}
