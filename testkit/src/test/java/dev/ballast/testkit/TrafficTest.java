package dev.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;

class TrafficTest {

    private static final String CHAT = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private final FakeSageMaker fake = FakeSageMaker.create();

    private void component(Map<String, String> env) {
        Fixtures.icEndpoint(fake, "ep", "ml.g5.12xlarge", 1, 1, 4);
        Fixtures.createComponent(fake, "ic", "ep", Fixtures.spec(1, 1024, env), 1);
        Fixtures.awaitComponent(fake, "ic", InferenceComponentStatus.IN_SERVICE);
    }

    @Test
    @DisplayName("a request at start, then one every interval, of simulated time, only while the clock moves")
    void aRequestAtStartThenOneEveryIntervalOfSimulatedTimeOnlyWhileTheClockMoves() {
        component(Map.of("MESSAGES_API_ENABLED", "true"));
        Traffic traffic = fake.traffic().toComponent("ep", "ic").every(Duration.ofSeconds(10)).body(CHAT).start();
        assertThat(traffic.sent()).as("the first request, at start").isEqualTo(1);

        fake.clock().advance(Duration.ofSeconds(95));

        assertThat(traffic.answered()).as("at 0, 10, ..., 90 s").isEqualTo(10);
        assertThat(traffic.failed()).isZero();
        assertThat(traffic.answeredBy("AllTraffic")).isEqualTo(10);
        assertThat(traffic.answeredByVariant()).isEqualTo(Map.of("AllTraffic", 10));
        assertThat(traffic.isRunning()).isTrue();
    }

    @Test
    @DisplayName("stop: sends nothing more, and takes its task off the clock")
    void stopSendsNothingMoreAndTakesItsTaskOffTheClock() {
        component(Map.of());
        int before = fake.clock().pendingTasks();
        Traffic traffic = fake.traffic().toComponent("ep", "ic").start();
        assertThat(fake.clock().pendingTasks()).isEqualTo(before + 1);

        traffic.stop();
        traffic.stop();
        fake.clock().advance(Duration.ofMinutes(5));

        assertThat(traffic.sent()).isEqualTo(1);
        assertThat(traffic.isRunning()).isFalse();
        assertThat(fake.clock().pendingTasks()).isLessThanOrEqualTo(before);
    }

    @Test
    @DisplayName("failures: are counted by error code, status, and the containers own status")
    void failuresAreCountedByErrorCodeStatusAndTheContainersOwnStatus() {
        // without MESSAGES_API_ENABLED a chat request is the container's 422, reported as a ModelError (424)
        component(Map.of());
        Traffic chat = fake.traffic().toComponent("ep", "ic").every(Duration.ofSeconds(30)).body(CHAT).start();
        Traffic generate = fake.traffic().toComponent("ep", "ic").every(Duration.ofSeconds(30)).start();
        Traffic nowhere = fake.traffic().toComponent("no-such-endpoint", "ic").every(Duration.ofSeconds(30)).start();

        fake.clock().advance(Duration.ofSeconds(60));

        assertThat(chat.failed()).isEqualTo(3);
        assertThat(chat.failed("ModelError")).isEqualTo(3);
        assertThat(chat.failedWithStatus(424)).isEqualTo(3);
        assertThat(chat.failedByContainerWith(422)).isEqualTo(3);
        assertThat(chat.failures()).isEqualTo(Map.of("ModelError", 3));
        assertThat(chat.answered()).isZero();
        assertThat(generate.answered()).as("the default body, which the default container answers").isEqualTo(3);
        assertThat(nowhere.failed("ValidationError")).isEqualTo(3);
        assertThat(nowhere.failedWithStatus(400)).isEqualTo(3);
        assertThat(nowhere.failedByContainerWith(400)).as("no container answered").isZero();
        assertThat(chat).hasToString("Traffic[to inference-component ic of endpoint ep every PT30S: 0 answered, 3 failed"
                + " {ModelError=3}]");
    }

    @Test
    @DisplayName("toEndpoint: follows the weights, and to variant, reaches one variant whatever the weights")
    void toEndpointFollowsTheWeightsAndToVariantReachesOneVariantWhateverTheWeights() {
        Fixtures.model(fake, "model-a", "a");
        Fixtures.model(fake, "model-b", "b");
        fake.sageMakerClient().createEndpointConfig(b -> b.endpointConfigName("cfg").productionVariants(
                ProductionVariant.builder().variantName("va").modelName("model-a").instanceType("ml.m5.xlarge")
                        .initialInstanceCount(1).initialVariantWeight(1f).build(),
                ProductionVariant.builder().variantName("vb").modelName("model-b").instanceType("ml.m5.xlarge")
                        .initialInstanceCount(1).initialVariantWeight(0f).build()));
        fake.sageMakerClient().createEndpoint(b -> b.endpointName("ab").endpointConfigName("cfg"));
        Fixtures.awaitEndpoint(fake, "ab", EndpointStatus.IN_SERVICE);

        Traffic weighted = fake.traffic().toEndpoint("ab").every(Duration.ofSeconds(5)).start();
        Traffic toB = fake.traffic().toVariant("ab", "vb").every(Duration.ofSeconds(5)).start();
        fake.clock().advance(Duration.ofSeconds(45));
        weighted.stop();
        toB.stop();

        assertThat(weighted.answeredByVariant()).isEqualTo(Map.of("va", 10));
        assertThat(toB.answeredByVariant()).isEqualTo(Map.of("vb", 10));
        assertThat(toB.answeredBy("va")).isZero();
    }

    @Test
    @DisplayName("misuse: is refused with the fix")
    void misuseIsRefusedWithTheFix() {
        assertThatThrownBy(() -> fake.traffic().every(Duration.ofSeconds(1)).start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("toComponent(endpoint, component)");
        assertThatThrownBy(() -> fake.traffic().every(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive interval");
        assertThatThrownBy(() -> fake.traffic().every(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
