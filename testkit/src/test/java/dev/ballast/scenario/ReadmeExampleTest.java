package dev.ballast.scenario;

import static dev.ballast.testkit.assertions.FakeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.ballast.Ballast;
import dev.ballast.outcome.Outcome;
import dev.ballast.spec.EndpointSpec;
import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.assertions.FakeAssertions;
import dev.ballast.testkit.junit.BallastTest;

/** The README's testkit example, as written there (a test that fails when the README stops being true). */
@BallastTest
class ReadmeExampleTest {

    FakeSageMaker fake;

    private final EndpointSpec llama = NotebookSpecs.llama();
    private final EndpointSpec deepSeek = NotebookSpecs.deepSeek();

    @Test
    void badUpdateRollsBack() {
        Ballast ballast = fake.engine();
        ballast.apply(llama).await();

        // The new version answers the Messages API with 4xx: the alarm fires, SageMaker rolls back.
        fake.cloudWatchClient().setAlarmState(b -> b.alarmName("rolling-demo-llm-invocation4xxerrors")
                .stateValue("ALARM").stateReason("test"));
        Outcome outcome = ballast.apply(deepSeek).await();

        assertThat(outcome).isRolledBack();
        FakeAssertions.assertThat(fake).inferenceComponent("llm").isInService()
                .hasEnvironmentEntry("HF_MODEL_ID", "meta-llama/Llama-3.1-8B-Instruct");
        assertThat(((Outcome.RolledBack) outcome).alarm()).contains("rolling-demo-llm-invocation4xxerrors");
    }

    @Test
    void plainSdkCodeRunsOnTheFake() {
        String role = NotebookSpecs.ROLE;
        software.amazon.awssdk.services.sagemaker.SageMakerClient sageMaker = fake.sageMakerClient();

        sageMaker.createEndpointConfig(b -> b.endpointConfigName("cfg").executionRoleArn(role)
                .productionVariants(v -> v.variantName("AllTraffic").instanceType("ml.g5.2xlarge").initialInstanceCount(1)));
        sageMaker.createEndpoint(b -> b.endpointName("demo").endpointConfigName("cfg"));
        assertThat(sageMaker.describeEndpoint(b -> b.endpointName("demo")).endpointStatus())
                .isEqualTo(software.amazon.awssdk.services.sagemaker.model.EndpointStatus.CREATING);
        fake.clock().advance(java.time.Duration.ofMinutes(10));
        assertThat(sageMaker.describeEndpoint(b -> b.endpointName("demo")).endpointStatus())
                .isEqualTo(software.amazon.awssdk.services.sagemaker.model.EndpointStatus.IN_SERVICE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sageMaker.describeEndpoint(b -> b.endpointName("nope")))
                .isInstanceOfSatisfying(software.amazon.awssdk.services.sagemaker.model.SageMakerException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith("Could not find endpoint \"arn:aws:sagemaker:")
                            .endsWith(":endpoint/nope\".");
                });
    }
}
