package dev.ballast.testkit.assertions;

import org.assertj.core.api.AbstractAssert;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;

/** Assertions on one endpoint as DescribeEndpoint shows it. */
public final class EndpointAssert extends AbstractAssert<EndpointAssert, DescribeEndpointResponse> {

    EndpointAssert(DescribeEndpointResponse actual) {
        super(actual, EndpointAssert.class);
    }

    /** Verifies the status. */
    public EndpointAssert hasStatus(EndpointStatus expected) {
        if (actual.endpointStatus() != expected) {
            failWithActualExpectedAndMessage(actual.endpointStatusAsString(), expected.toString(),
                    "Expecting endpoint '%s' to be %s but was %s (FailureReason: %s)", actual.endpointName(), expected,
                    actual.endpointStatusAsString(), actual.failureReason());
        }
        return this;
    }

    /** Verifies the endpoint is InService. */
    public EndpointAssert isInService() {
        return hasStatus(EndpointStatus.IN_SERVICE);
    }

    /** Verifies current and desired instance counts of the first variant. */
    public EndpointAssert hasInstances(int current, int desired) {
        ProductionVariantSummary v = actual.productionVariants().get(0);
        if (v.currentInstanceCount() != current || v.desiredInstanceCount() != desired) {
            failWithMessage("Expecting endpoint '%s' variant '%s' to have CurrentInstanceCount %d and"
                    + " DesiredInstanceCount %d but found %d and %d", actual.endpointName(), v.variantName(), current,
                    desired, v.currentInstanceCount(), v.desiredInstanceCount());
        }
        return this;
    }
}
