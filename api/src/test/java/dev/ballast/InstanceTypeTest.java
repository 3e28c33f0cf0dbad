package dev.ballast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.ballast.error.SpecValidationException;

class InstanceTypeTest {

    @Test
    @DisplayName("every hosting type SageMaker listed (botocore 1.43.11: 271) is a constant")
    void knownTypes() {
        assertThat(InstanceType.known()).hasSize(271);
        assertThat(InstanceType.known()).contains(InstanceType.ML_G5_2XLARGE, InstanceType.ML_P6_B200_48XLARGE, InstanceType.ML_T2_MEDIUM);
        assertThat(InstanceType.of("ml.g5.2xlarge")).isSameAs(InstanceType.ML_G5_2XLARGE);
    }

    @Test
    @DisplayName("any well-formed ml.<family>.<size> is accepted, so new types need no release")
    void openEnumeration() {
        InstanceType future = InstanceType.of("ml.g9x.3xlarge");

        assertThat(future.isKnown()).isFalse();
        assertThat(future.name()).isEqualTo("ml.g9x.3xlarge");
        assertThat(future.family()).isEqualTo("g9x");
        assertThat(future.shape()).isEmpty();
        assertThat(future).isEqualTo(InstanceType.of("ml.g9x.3xlarge"));
        assertThat(InstanceType.ML_P6E_GB200_36XLARGE.family()).isEqualTo("p6e-gb200");
    }

    @Test
    @DisplayName("a malformed type fails at once with the expected form and the closest known names")
    void malformed() {
        assertThatThrownBy(() -> InstanceType.of("g5.2xlarge"))
                .isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("instanceType = g5.2xlarge")
                .hasMessageContaining("ml.<family>.<size>")
                .hasMessageContaining("ml.g5.2xlarge");
        assertThatThrownBy(() -> Endpoint.on("ml.g5"))
                .isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("must have the form ml.<family>.<size>");
        assertThatThrownBy(() -> InstanceType.of("ML.G5.2XLARGE"))
                .hasMessageContaining("ml.g5.2xlarge");
        assertThat(InstanceType.closestKnown("ml.g5")).allSatisfy(n -> assertThat(n).startsWith("ml.g5."));
        assertThat(InstanceType.closestKnown("g6e.4xlarge")).first().isEqualTo("ml.g6e.4xlarge");
    }

    @Test
    @DisplayName("the hardware catalogue gives vCPUs, memory and accelerators for copy placement")
    void shapes() {
        InstanceShape g5 = InstanceType.ML_G5_2XLARGE.shape().orElseThrow();
        assertThat(g5.vcpus()).isEqualTo(8);
        assertThat(g5.memoryMib()).isEqualTo(32 * 1024);
        assertThat(g5.accelerators()).isEqualTo(1);
        assertThat(g5.acceleratorName()).contains("A10G");

        assertThat(InstanceType.ML_G5_48XLARGE.shape().orElseThrow().accelerators()).isEqualTo(8);
        assertThat(InstanceType.ML_P4D_24XLARGE.shape().orElseThrow().accelerators()).isEqualTo(8);
        assertThat(InstanceType.ML_INF2_48XLARGE.shape().orElseThrow().accelerators()).isEqualTo(12);
        assertThat(InstanceType.ML_M5_XLARGE.shape().orElseThrow().accelerators()).isZero();
        assertThat(InstanceType.ML_P6_B200_48XLARGE.shape().orElseThrow().accelerators()).isEqualTo(8);
    }

    @Test
    @DisplayName("copies per instance is limited by the scarcest of accelerators, vCPUs and memory")
    void copiesPerInstance() {
        InstanceShape g5_12 = InstanceType.ML_G5_12XLARGE.shape().orElseThrow(); // 4 GPUs, 48 vCPUs, 192 GiB
        assertThat(g5_12.copiesPerInstance(1, 0, 1024)).isEqualTo(4);
        assertThat(g5_12.copiesPerInstance(2, 0, 1024)).isEqualTo(2);
        assertThat(g5_12.copiesPerInstance(1, 16, 1024)).isEqualTo(3);
        assertThat(g5_12.copiesPerInstance(1, 0, 100 * 1024)).isEqualTo(1);
        assertThat(g5_12.copiesPerInstance(0, 0.5, 1024)).isEqualTo(96);
    }
}
