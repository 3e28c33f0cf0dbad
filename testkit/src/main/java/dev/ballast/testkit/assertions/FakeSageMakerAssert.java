package dev.ballast.testkit.assertions;

import dev.ballast.testkit.FakeSageMaker;
import org.assertj.core.annotation.CheckReturnValue;
import org.assertj.core.api.AbstractAssert;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/** Assertions on a {@link FakeSageMaker} world, read through its own SageMaker client. */
public final class FakeSageMakerAssert extends AbstractAssert<FakeSageMakerAssert, FakeSageMaker> {

    FakeSageMakerAssert(FakeSageMaker actual) {
        super(actual, FakeSageMakerAssert.class);
    }

    /**
     * @param name an inference component that must exist
     * @return assertions on its current description
     */
    @CheckReturnValue
    public InferenceComponentAssert inferenceComponent(String name) {
        isNotNull();
        try {
            DescribeInferenceComponentResponse describe = actual.sageMakerClient()
                    .describeInferenceComponent(b -> b.inferenceComponentName(name));
            return new InferenceComponentAssert(describe);
        } catch (SageMakerException e) {
            throw failureWithActualExpected(null, name, "Expecting inference component '%s' to exist but found: %s",
                    name, e.awsErrorDetails().errorMessage());
        }
    }

    /**
     * @param name an endpoint that must exist
     * @return assertions on its current description
     */
    @CheckReturnValue
    public EndpointAssert endpoint(String name) {
        isNotNull();
        try {
            DescribeEndpointResponse describe = actual.sageMakerClient().describeEndpoint(b -> b.endpointName(name));
            return new EndpointAssert(describe);
        } catch (SageMakerException e) {
            throw failureWithActualExpected(null, name, "Expecting endpoint '%s' to exist but found: %s", name,
                    e.awsErrorDetails().errorMessage());
        }
    }

    /**
     * Verifies that the endpoint does not exist (any more).
     *
     * @return this assertion
     */
    public FakeSageMakerAssert hasNoEndpoint(String name) {
        isNotNull();
        try {
            DescribeEndpointResponse describe = actual.sageMakerClient().describeEndpoint(b -> b.endpointName(name));
            failWithMessage("Expecting no endpoint '%s' but found one in status %s", name,
                    describe.endpointStatusAsString());
        } catch (SageMakerException e) {
            // not found: as expected
        }
        return this;
    }
}
