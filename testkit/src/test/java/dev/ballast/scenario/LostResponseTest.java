package dev.ballast.scenario;

import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.sagemaker.model.CreateInferenceComponentRequest;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

import dev.ballast.outcome.Outcome;
import dev.ballast.spi.Transport;
import dev.ballast.testkit.FakeSageMaker;

/** A create whose response was lost is checked with a describe before anything is sent again. */
class LostResponseTest {

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final List<String> reachedFake = new CopyOnWriteArrayList<>();

    /** Fails the first CreateInferenceComponent with a 500: after it took effect, or before. */
    private Transport failingOnce(boolean afterEffect) {
        boolean[] failed = {false};
        return request -> {
            boolean fail = request instanceof CreateInferenceComponentRequest && !failed[0];
            if (fail) {
                failed[0] = true;
                if (afterEffect) {
                    reachedFake.add(name(request));
                    fake.execute(request);
                }
                throw (SageMakerException) SageMakerException.builder().statusCode(500).message("We encountered an internal error.")
                        .requestId("lost-1")
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalFailure").errorMessage("We encountered an internal error.")
                                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(500).build()).build())
                        .build();
            }
            reachedFake.add(name(request));
            return fake.execute(request);
        };
    }

    private static String name(SdkRequest request) {
        return request.getClass().getSimpleName().replaceFirst("Request$", "");
    }

    private Outcome apply(Transport transport) {
        return fake.engineBuilder().transport(transport).build().apply(NotebookSpecs.llama()).await();
    }

    @Test
    @DisplayName("the create took effect but its response was lost: the describe finds it and it is not sent again")
    void createTookEffect() {
        Outcome outcome = apply(failingOnce(true));

        assertThat(outcome).isSucceeded();
        assertThat(reachedFake.stream().filter("CreateInferenceComponent"::equals)).hasSize(1);
        assertThat(reachedFake).containsSubsequence("CreateInferenceComponent", "DescribeInferenceComponent");
        assertThat(fake.sageMakerClient().listInferenceComponents(b -> { }).inferenceComponents()).hasSize(1);
    }

    @Test
    @DisplayName("the create failed before taking effect: the describe finds nothing and the create is sent once more")
    void createDidNotTakeEffect() {
        Outcome outcome = apply(failingOnce(false));

        assertThat(outcome).isSucceeded();
        assertThat(reachedFake).containsSubsequence("DescribeInferenceComponent", "CreateInferenceComponent");
        assertThat(reachedFake.stream().filter("CreateInferenceComponent"::equals)).hasSize(1);
        assertThat(fake.sageMakerClient().describeInferenceComponent(b -> b.inferenceComponentName("llm"))
                .inferenceComponentStatusAsString()).isEqualTo("InService");
    }

    @Test
    @DisplayName("a mutating call that fails for good ends the deployment FAILED with operation, code and request id")
    void permanentFailure() {
        Transport denied = request -> {
            if (request instanceof CreateInferenceComponentRequest) {
                throw (SageMakerException) SageMakerException.builder().statusCode(400).message("User is not authorized")
                        .requestId("denied-7")
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").errorMessage("User is not authorized")
                                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(400).build()).build())
                        .build();
            }
            return fake.execute(request);
        };

        Outcome outcome = apply(denied);

        assertThat(outcome).isFailed()
                .hasReasonContaining("SageMaker.CreateInferenceComponent", "AccessDeniedException", "User is not authorized", "denied-7");
    }
}
