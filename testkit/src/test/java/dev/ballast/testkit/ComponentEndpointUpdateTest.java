package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.ManagedInstanceScalingStatus;

@DisplayName("UpdateEndpoint on an endpoint that hosts inference components")
class ComponentEndpointUpdateTest {

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final SageMakerClient sm = fake.sageMakerClient();

    private void config(String name, String type, int initial, int min, int max) {
        sm.createEndpointConfig(b -> b.endpointConfigName(name).executionRoleArn("arn:aws:iam::123456789012:role/R")
                .productionVariants(v -> v.variantName("AllTraffic").instanceType(type).initialInstanceCount(initial)
                        .managedInstanceScaling(m -> m.status(ManagedInstanceScalingStatus.ENABLED).minInstanceCount(min).maxInstanceCount(max))));
    }

    private DescribeEndpointResponse endpoint() {
        return sm.describeEndpoint(b -> b.endpointName("ep"));
    }

    @Test
    @DisplayName("new scaling bounds and initial count apply in place: Updating while instances launch, then InService on the new config")
    void appliesInPlace() {
        config("v1", "ml.g5.2xlarge", 1, 1, 4);
        config("v2", "ml.g5.2xlarge", 3, 3, 6);
        sm.createEndpoint(b -> b.endpointName("ep").endpointConfigName("v1"));
        fake.clock().advance(Duration.ofMinutes(10));

        sm.updateEndpoint(b -> b.endpointName("ep").endpointConfigName("v2"));

        assertThat(endpoint().endpointStatus()).isEqualTo(EndpointStatus.UPDATING);
        assertThat(endpoint().productionVariants().get(0).desiredInstanceCount()).isEqualTo(3);
        fake.clock().advance(Duration.ofMinutes(10));
        assertThat(endpoint().endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
        assertThat(endpoint().endpointConfigName()).isEqualTo("v2");
        assertThat(endpoint().productionVariants().get(0).currentInstanceCount()).isEqualTo(3);
        assertThat(endpoint().productionVariants().get(0).managedInstanceScaling().maxInstanceCount()).isEqualTo(6);
    }

    @Test
    @DisplayName("a change of instance type is not simulated and says so")
    void instanceTypeChangeIsNotSimulated() {
        config("v1", "ml.g5.2xlarge", 1, 1, 4);
        config("v2", "ml.g6.2xlarge", 1, 1, 4);
        sm.createEndpoint(b -> b.endpointName("ep").endpointConfigName("v1"));
        fake.clock().advance(Duration.ofMinutes(10));

        assertThatThrownBy(() -> sm.updateEndpoint(b -> b.endpointName("ep").endpointConfigName("v2")))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("same variants on the same instance types");
        assertThat(endpoint().endpointConfigName()).isEqualTo("v1");
    }
}
