package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.spi.Transport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateModelResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobRequest;

class TransportTest {

    private final FakeSageMaker fake = FakeSageMaker.builder().region("eu-west-1").accountId("999999999999").build();
    private final Transport transport = fake;

    @Test
    @DisplayName("requests of every service route, to the same world as the facades")
    void requestsOfEveryServiceRouteToTheSameWorldAsTheFacades() {
        CreateModelResponse created = (CreateModelResponse) transport.execute(CreateModelRequest.builder()
                .modelName("m").executionRoleArn(Fixtures.ROLE).primaryContainer(c -> c.image(Fixtures.IMAGE)).build());
        assertThat(created.modelArn()).isEqualTo("arn:aws:sagemaker:eu-west-1:999999999999:model/m");
        DescribeModelResponse described = fake.sageMakerClient().describeModel(b -> b.modelName("m"));
        assertThat(described.modelArn()).isEqualTo(created.modelArn());
        assertThat(transport.execute(DescribeAlarmsRequest.builder().build())).isInstanceOf(DescribeAlarmsResponse.class);
    }

    @Test
    @DisplayName("unsupportedOperations: fail loudly")
    void unsupportedOperationsFailLoudly() {
        assertThatThrownBy(() -> transport.execute(DescribeTrainingJobRequest.builder().trainingJobName("t").build()))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("does not serve DescribeTrainingJob;").hasMessageContaining("DescribeEndpoint");
        assertThatThrownBy(() -> fake.sageMakerClient().describeTrainingJob(b -> b.trainingJobName("t")))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("does not serve DescribeTrainingJob;").hasMessageContaining("CreateEndpoint");
        assertThatThrownBy(() -> fake.sageMakerClient().waiter())
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("does not offer waiter(..)");
        assertThatThrownBy(() -> fake.cloudWatchClient().describeAnomalyDetectors(b -> b.namespace("AWS/SageMaker")))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("does not serve DescribeAnomalyDetectors;").hasMessageContaining("PutMetricAlarm");
    }

    @Test
    @DisplayName("readme lists exactly the operations served")
    void readmeListsExactlyTheOperationsServed() throws java.io.IOException {
        java.nio.file.Path readme = java.nio.file.Path.of("..", "README.md");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(readme), "README.md is beside the module");
        String text = java.nio.file.Files.readString(readme);
        java.util.Map<String, String> rows = java.util.Map.of("SageMaker", "sagemaker", "SageMaker Runtime",
                "sagemaker-runtime", "CloudWatch", "cloudwatch", "Application Auto Scaling", "application-autoscaling");
        rows.forEach((title, service) -> {
            java.util.regex.Matcher row = java.util.regex.Pattern.compile("(?m)^\\| " + java.util.regex.Pattern.quote(title)
                    + " \\| (.*) \\|$").matcher(text);
            assertThat(row.find()).as("README's row of %s", title).isTrue();
            java.util.List<String> listed = java.util.Arrays.stream(row.group(1).split(", "))
                    .map(op -> op.replace("`", "")).sorted().toList();
            assertThat(listed).as("README's operations of %s", title).isEqualTo(fake.servedOperations(service));
        });
    }

    @Test
    @DisplayName("builder validates its inputs")
    void builderValidatesItsInputs() {
        assertThatThrownBy(() -> FakeSageMaker.builder().accountId("12")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fake.givenInstanceCapacity("ml.g5.2xlarge", -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FakeTimings.builder().instanceLaunch(java.time.Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(FakeTimings.defaults().toBuilder().build()).isEqualTo(FakeTimings.defaults());
        assertThat(fake.region()).isEqualTo("eu-west-1");
    }
}
