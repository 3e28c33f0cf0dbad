package dev.ballast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.error.SpecValidationException;
import dev.ballast.error.Violation;
import dev.ballast.spec.AutoScalingSpec;
import dev.ballast.spec.ScalingMetric;
import dev.ballast.spec.VariantEndpointSpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Auto scaling of a serverless variant's provisioned concurrency, as the DSL reads and validates it. */
class ProvisionedConcurrencyDslTest {

    private static Variant serverless(int maxConcurrency) {
        return Variant.named("AllTraffic").model(Model.named("classifier")
                        .image("763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.3-cpu-py311")
                        .executionRole("arn:aws:iam::123456789012:role/SageMakerRole"))
                .serverless(2048, maxConcurrency);
    }

    @Test
    @DisplayName("a serverless variant's auto scaling reads like any other and tracks its provisioned concurrency utilization")
    void readsLikeAnyAutoScaling() {
        VariantEndpointSpec spec = Endpoint.serving(serverless(20).provisionedConcurrency(2)
                .autoScaling(AutoScaling.between(1, 10).provisionedConcurrencyUtilization(0.5))).named("classifier");
        AutoScalingSpec a = spec.variants().get(0).autoScaling().orElseThrow();
        assertThat(a.metric()).contains(ScalingMetric.PROVISIONED_CONCURRENCY_UTILIZATION);
        assertThat(a.metric().orElseThrow().awsName()).isEqualTo("SageMakerVariantProvisionedConcurrencyUtilization");
        assertThat(a.targetValue()).contains(0.5);
    }

    @Test
    @DisplayName("every violation at once: no provisioned concurrency, bounds above the maximum concurrency, a utilization above 1")
    void everyViolationAtOnce() {
        assertThatThrownBy(() -> Endpoint.serving(serverless(8)
                        .autoScaling(AutoScaling.between(1, 12).provisionedConcurrencyUtilization(50))).named("classifier"))
                .isInstanceOfSatisfying(SpecValidationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::path, Violation::rule)
                        .contains(
                                org.assertj.core.groups.Tuple.tuple("variant[AllTraffic].autoScaling",
                                        "scales a serverless variant's provisioned concurrency, and this variant has none"),
                                org.assertj.core.groups.Tuple.tuple("variant[AllTraffic].autoScaling.max",
                                        "must not exceed the variant's maximum concurrency of 8 (provisioned concurrency cannot)"),
                                org.assertj.core.groups.Tuple.tuple("variant[AllTraffic].autoScaling.targetValue",
                                        "must be at most 1: the utilization is the share of the provisioned concurrency in use")));
    }
}
