package dev.ballast.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ListNotebookInstancesRequest;

import dev.ballast.plan.AwsService;

/** Routing and configuration of {@link AwsTransport}, without the network. */
class AwsTransportTest {

    private static SageMakerClient offlineSageMaker() {
        return SageMakerClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"))).build();
    }

    @Test
    @DisplayName("the dispatch table covers every operation Ballast uses, across the four services")
    void supportedOperations() {
        Set<String> operations = AwsTransport.supportedRequestTypes().stream()
                .map(Class::getSimpleName).map(n -> n.replace("Request", "")).collect(Collectors.toSet());

        assertThat(operations).contains(
                "CreateModel", "DescribeModel", "DeleteModel", "ListModels",
                "CreateEndpointConfig", "DescribeEndpointConfig", "DeleteEndpointConfig", "ListEndpointConfigs",
                "CreateEndpoint", "DescribeEndpoint", "DeleteEndpoint", "ListEndpoints",
                "CreateInferenceComponent", "DescribeInferenceComponent", "DeleteInferenceComponent", "ListInferenceComponents",
                "UpdateEndpoint", "UpdateEndpointWeightsAndCapacities", "UpdateInferenceComponent",
                "UpdateInferenceComponentRuntimeConfig",
                "InvokeEndpoint",
                "PutMetricAlarm", "DescribeAlarms", "DeleteAlarms", "SetAlarmState",
                "RegisterScalableTarget", "DeregisterScalableTarget", "DescribeScalableTargets",
                "PutScalingPolicy", "DeleteScalingPolicy", "DescribeScalingPolicies");
    }

    @Test
    @DisplayName("a request of a service whose client was not given fails naming the builder method to call")
    void missingClient() {
        AwsTransport transport = AwsTransport.builder().sageMaker(offlineSageMaker()).build();

        assertThatThrownBy(() -> transport.execute(PutMetricAlarmRequest.builder().alarmName("a").build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CloudWatchClient")
                .hasMessageContaining("AwsTransport.builder().cloudWatch(..)");
        assertThat(transport.services()).containsExactly(AwsService.SAGEMAKER);
    }

    @Test
    @DisplayName("a request type Ballast does not send fails with UnsupportedOperationException naming it")
    void unknownRequest() {
        AwsTransport transport = AwsTransport.builder().sageMaker(offlineSageMaker()).build();
        SdkRequest request = ListNotebookInstancesRequest.builder().build();

        assertThatThrownBy(() -> transport.execute(request))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining(ListNotebookInstancesRequest.class.getName());
    }

    @Test
    @DisplayName("create(region, credentials) builds clients of all four services, and closes only those")
    void createBuildsAllClients() {
        try (AwsTransport transport = AwsTransport.create(Region.EU_WEST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))) {
            assertThat(transport.services()).containsExactlyInAnyOrder(AwsService.values());
        }
        SageMakerClient mine = offlineSageMaker();
        AwsTransport.builder().sageMaker(mine).build().close();
        assertThat(mine.serviceClientConfiguration().region()).as("the caller's client is still usable").isEqualTo(Region.US_EAST_1);
    }
}
