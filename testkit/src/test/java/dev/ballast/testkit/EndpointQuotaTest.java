package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ResourceLimitExceededException;

/**
 * The account's instance quota on CreateEndpoint and UpdateEndpoint ({@code ResourceLimitExceeded} in the
 * Errors of <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpoint.html">
 * CreateEndpoint</a> and
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateEndpoint.html">
 * UpdateEndpoint</a>): the instances a request adds, summed per instance type, must fit beside those in use (a
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-blue-green.html">
 * blue/green</a> update adds the whole new fleet, a
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-rolling.html">rolling</a> one
 * a batch).
 */
class EndpointQuotaTest {

    private static final String TYPE = "ml.m5.xlarge";

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final SageMakerClient sm = fake.sageMakerClient();

    @BeforeEach
    void models() {
        Fixtures.model(fake, "model-v1", "v1");
        Fixtures.model(fake, "model-v2", "v2");
    }

    private static ProductionVariant variant(String name, String model, int instances) {
        return ProductionVariant.builder().variantName(name).modelName(model).instanceType(TYPE)
                .initialInstanceCount(instances).build();
    }

    private static String limit(int quota, int used, int delta) {
        return "The account-level service limit '" + TYPE + " for endpoint usage' is " + quota + " Instances, with"
                + " current utilization of " + used + " Instances and a request delta of " + delta + " Instances.";
    }

    private void endpointOnFour() {
        Fixtures.modelConfig(fake, "cfg-v1", "model-v1", 4);
        Fixtures.modelConfig(fake, "cfg-v2", "model-v2", 4);
        sm.createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v1"));
        Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE);
    }

    private void update(DeploymentConfig config) {
        sm.updateEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v2").deploymentConfig(config));
    }

    @Test
    @DisplayName("createEndpoint: sums the variants of one instance type")
    void createEndpointSumsTheVariantsOfOneInstanceType() {
        fake.givenInstanceQuota(TYPE, 5);
        sm.createEndpointConfig(b -> b.endpointConfigName("ab").productionVariants(variant("A", "model-v1", 3),
                variant("B", "model-v2", 3)));
        assertThatThrownBy(() -> sm.createEndpoint(b -> b.endpointName("ep").endpointConfigName("ab")))
                .isInstanceOf(ResourceLimitExceededException.class).hasMessageStartingWith(limit(5, 0, 6));
    }

    @Test
    @DisplayName("without a quota of the test, every type has one of ten thousand, so no request asks for billions")
    void withoutAQuotaOfTheTestEveryTypeHasOneOfTenThousandSoNoRequestAsksForBillions() {
        sm.createEndpointConfig(b -> b.endpointConfigName("huge").productionVariants(variant("A", "model-v1",
                2_000_000_000)));
        assertThatThrownBy(() -> sm.createEndpoint(b -> b.endpointName("ep").endpointConfigName("huge")))
                .isInstanceOf(ResourceLimitExceededException.class).hasMessageStartingWith(limit(10_000, 0, 2_000_000_000));
        assertThat(sm.listEndpoints(b -> { }).endpoints()).isEmpty();
    }

    @Test
    @DisplayName("rollingUpdate: needs one batch beside the serving instances")
    void rollingUpdateNeedsOneBatchBesideTheServingInstances() {
        fake.givenInstanceQuota(TYPE, 6);
        endpointOnFour();
        update(DeploymentConfig.builder().rollingUpdatePolicy(p -> p.maximumBatchSize(s -> s.type("INSTANCE_COUNT")
                .value(2)).waitIntervalInSeconds(60)).build());
        assertThat(Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE)).isTrue();
        assertThat(Fixtures.endpoint(fake, "ep").endpointConfigName()).isEqualTo("cfg-v2");
    }

    @Test
    @DisplayName("blueGreenUpdate: needs the whole new fleet beside the serving one")
    void blueGreenUpdateNeedsTheWholeNewFleetBesideTheServingOne() {
        fake.givenInstanceQuota(TYPE, 7);
        endpointOnFour();
        assertThatThrownBy(() -> update(null)).isInstanceOf(ResourceLimitExceededException.class)
                .hasMessageStartingWith(limit(7, 4, 4));
        assertThat(Fixtures.endpoint(fake, "ep").endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
    }

    @Test
    @DisplayName("blueGreenUpdate: counts the new variants of one type together, with their retained counts")
    void blueGreenUpdateCountsTheNewVariantsOfOneTypeTogetherWithTheirRetainedCounts() {
        fake.givenInstanceQuota(TYPE, 6);
        Fixtures.modelConfig(fake, "cfg-v1", "model-v1", 2);
        sm.createEndpointConfig(b -> b.endpointConfigName("ab").productionVariants(
                variant("AllTraffic", "model-v2", 1), variant("B", "model-v2", 1)));
        sm.createEndpoint(b -> b.endpointName("ep").endpointConfigName("cfg-v1"));
        Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE);
        sm.updateEndpointWeightsAndCapacities(b -> b.endpointName("ep")
                .desiredWeightsAndCapacities(d -> d.variantName("AllTraffic").desiredInstanceCount(3)));
        Fixtures.awaitEndpoint(fake, "ep", EndpointStatus.IN_SERVICE);

        // AllTraffic keeps its live 3 instances, B starts with 1: 4 new beside the 3 in use
        assertThatThrownBy(() -> sm.updateEndpoint(b -> b.endpointName("ep").endpointConfigName("ab")
                .retainAllVariantProperties(true))).isInstanceOf(ResourceLimitExceededException.class)
                .hasMessageStartingWith(limit(6, 3, 4));
    }
}
