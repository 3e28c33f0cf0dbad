package dev.ballast.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.Ballast;
import dev.ballast.Endpoint;
import dev.ballast.Model;
import dev.ballast.RollingUpdate;
import dev.ballast.ShadowPromotion;
import dev.ballast.Variant;
import dev.ballast.error.PlanningException;
import dev.ballast.event.DeploymentEvent;
import dev.ballast.outcome.Outcome;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.testkit.ContainerBehavior;
import dev.ballast.testkit.ContainerResponse;
import dev.ballast.testkit.FakeSageMaker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;

/**
 * A shadow test of a new model on a copy of live traffic, then its guarded promotion: the checks compare the
 * shadow's metrics with production's over the window; when they pass the shadow becomes the production variant
 * through an update with the spec's policy; when one fails (the shadow slower, or erroring) nothing changes.
 */
class ShadowPromotionScenarioTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerRole";
    private static final String IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.3-cpu-py311";

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final Ballast ballast = fake.engine();

    private static Model model(String name) {
        return Model.named(name).image(IMAGE).modelData("s3://my-bucket/models/" + name + "/model.tar.gz").executionRole(ROLE);
    }

    private static VariantEndpointSpec spec() {
        return Endpoint.serving(Variant.named("AllTraffic").model(model("churn-v1")).on("ml.m5.xlarge"))
                .shadow(Variant.named("churn-v2-shadow").model(model("churn-v2")).on("ml.m5.xlarge").weight(0.5))
                .named("churn");
    }

    private static ShadowPromotion guard(VariantEndpointSpec spec) {
        return ShadowPromotion.of(spec).over(Duration.ofMinutes(30)).minimumInvocations(10).latencyWithin(10).errorRateAtMost(0.01);
    }

    /** Deploys the spec with production answering in 100 ms and the shadow as given, then sends 20 requests. */
    private VariantEndpointSpec shadowTest(ContainerResponse shadowAnswer) {
        fake.givenContainerFor("churn-v1", ContainerBehavior.always(ContainerResponse.ok("{\"model\":\"v1\"}").withLatency(Duration.ofMillis(100))));
        fake.givenContainerFor("churn-v2", ContainerBehavior.always(shadowAnswer));
        VariantEndpointSpec spec = spec();
        assertThat(ballast.apply(spec).await().isSuccess()).isTrue();
        for (int i = 0; i < 20; i++) {
            // only production answers, whatever the shadow does
            assertThat(ballast.invoke(spec, "{\"customer\":" + i + "}").body()).isEqualTo("{\"model\":\"v1\"}");
        }
        return spec;
    }

    private DescribeEndpointResponse endpoint() {
        return fake.sageMakerClient().describeEndpoint(b -> b.endpointName("churn"));
    }

    private String productionModel() {
        return fake.sageMakerClient().describeEndpointConfig(b -> b.endpointConfigName(endpoint().endpointConfigName()))
                .productionVariants().get(0).modelName();
    }

    @Test
    @DisplayName("the checks pass: the shadow's model becomes production (same variant name), the shadow is gone, the outcome lists what was seen")
    void promotedWhenTheChecksPass() {
        VariantEndpointSpec spec = shadowTest(ContainerResponse.ok("{\"model\":\"v2\"}").withLatency(Duration.ofMillis(105)));

        var deployment = ballast.promoteShadow(guard(spec));
        Outcome outcome = deployment.await();

        assertThat(outcome).isInstanceOf(Outcome.Succeeded.class);
        assertThat(((Outcome.Succeeded) outcome).detail()).contains("shadow churn-v2-shadow into production variant AllTraffic promoted",
                "shadow Invocations >= 10 passed: shadow churn-v2-shadow saw 10, production AllTraffic 20 over 30 min",
                "p99 105000 us, production AllTraffic p99 100000 us: +5.0% (at most +10%)",
                "0 errors (4XX and 5XX) of 10 invocations: 0.0%");
        List<DeploymentEvent.CheckEvaluated> checks = deployment.events().stream()
                .filter(DeploymentEvent.CheckEvaluated.class::isInstance).map(DeploymentEvent.CheckEvaluated.class::cast).toList();
        assertThat(checks).extracting(DeploymentEvent.CheckEvaluated::check).containsExactly("shadow Invocations >= 10",
                "shadow ModelLatency p99 <= production's + 10%", "shadow error rate <= 1%");
        assertThat(checks).allMatch(DeploymentEvent.CheckEvaluated::passed);
        assertThat(endpoint().shadowProductionVariants()).isEmpty();
        assertThat(endpoint().productionVariants()).singleElement().satisfies(v -> assertThat(v.variantName()).isEqualTo("AllTraffic"));
        assertThat(productionModel()).isEqualTo("churn-v2");
        assertThat(ballast.invoke(spec.promoted(), "{}").body()).isEqualTo("{\"model\":\"v2\"}");
        assertThat(ballast.plan(spec.promoted()).steps()).isEmpty();
    }

    @Test
    @DisplayName("the promotion updates with the spec's deployment policy: a rolling one, which an endpoint with a shadow runs all at once without baking (multi-variant exclusion)")
    void promotedWithTheSpecsRollingPolicy() {
        fake.givenContainerFor("churn-v1", ContainerBehavior.always(ContainerResponse.ok("{\"model\":\"v1\"}").withLatency(Duration.ofMillis(100))));
        fake.givenContainerFor("churn-v2", ContainerBehavior.always(ContainerResponse.ok("{\"model\":\"v2\"}").withLatency(Duration.ofMillis(100))));
        VariantEndpointSpec spec = Endpoint.serving(Variant.named("AllTraffic").model(model("churn-v1")).on("ml.m5.xlarge"))
                .shadow(Variant.named("churn-v2-shadow").model(model("churn-v2")).on("ml.m5.xlarge").weight(1))
                .update(RollingUpdate.batch(1).wait(Duration.ofMinutes(2)))
                .named("churn");
        assertThat(ballast.apply(spec).await().isSuccess()).isTrue();
        for (int i = 0; i < 10; i++) {
            ballast.invoke(spec, "{}");
        }

        var promotion = ballast.promoteShadow(ShadowPromotion.of(spec).minimumInvocations(10));
        Outcome outcome = promotion.await();

        assertThat(outcome.isSuccess()).as(outcome.summary()).isTrue();
        assertThat(endpoint().lastDeploymentConfig().rollingUpdatePolicy().maximumBatchSize().value()).isEqualTo(1);
        // SageMaker's exclusions: a multi-variant endpoint falls back to blue/green, all at once, no final bake
        assertThat(promotion.events()).noneMatch(e -> e instanceof DeploymentEvent.StageChanged stage && stage.to().equals("Baking"));
        assertThat(promotion.events()).noneMatch(DeploymentEvent.BatchStarted.class::isInstance);
        assertThat(endpoint().shadowProductionVariants()).isEmpty();
        assertThat(productionModel()).isEqualTo("churn-v2");
        assertThat(ballast.invoke(spec.promoted(), "{}").body()).isEqualTo("{\"model\":\"v2\"}");
    }

    @Test
    @DisplayName("the shadow is slower: not promoted, nothing changed, the outcome says by how much")
    void notPromotedWhenSlower() {
        VariantEndpointSpec spec = shadowTest(ContainerResponse.ok("{\"model\":\"v2\"}").withLatency(Duration.ofMillis(300)));
        String config = endpoint().endpointConfigName();

        var deployment = ballast.promoteShadow(guard(spec));
        Outcome outcome = deployment.await();

        assertThat(outcome).isInstanceOf(Outcome.NotApplied.class);
        Outcome.NotApplied notApplied = (Outcome.NotApplied) outcome;
        assertThat(notApplied.differences()).anySatisfy(line -> assertThat(line).contains("shadow ModelLatency p99 <= production's + 10% FAILED",
                "p99 300000 us, production AllTraffic p99 100000 us: +200.0% (at most +10%)"));
        assertThat(notApplied.detail()).contains("nothing was changed", "AllTraffic still serves churn-v1");
        assertThat(deployment.events()).filteredOn(DeploymentEvent.CheckEvaluated.class::isInstance)
                .extracting(e -> ((DeploymentEvent.CheckEvaluated) e).passed()).containsExactly(true, false, true);
        assertThat(endpoint().endpointConfigName()).isEqualTo(config);
        assertThat(endpoint().shadowProductionVariants()).extracting(v -> v.variantName()).containsExactly("churn-v2-shadow");
        assertThat(productionModel()).isEqualTo("churn-v1");
    }

    @Test
    @DisplayName("the shadow fails its requests: not promoted, the outcome gives its error rate and production's")
    void notPromotedWhenErroring() {
        VariantEndpointSpec spec = shadowTest(ContainerResponse.error(500, "{\"error\":\"boom\"}").withLatency(Duration.ofMillis(100)));
        String config = endpoint().endpointConfigName();

        Outcome outcome = ballast.promoteShadow(guard(spec)).await();

        assertThat(outcome).isInstanceOf(Outcome.NotApplied.class);
        assertThat(((Outcome.NotApplied) outcome).differences()).anySatisfy(line -> assertThat(line).contains("shadow error rate <= 1% FAILED",
                "10 errors (4XX and 5XX) of 10 invocations: 100.0%; production AllTraffic 0.0%"));
        assertThat(endpoint().endpointConfigName()).isEqualTo(config);
        assertThat(productionModel()).isEqualTo("churn-v1");
    }

    @Test
    @DisplayName("too little traffic in the window: not promoted; an endpoint without the shadow live is refused before anything")
    void notEnoughTrafficAndNoShadow() {
        VariantEndpointSpec spec = shadowTest(ContainerResponse.ok("{}").withLatency(Duration.ofMillis(100)));

        Outcome outcome = ballast.promoteShadow(ShadowPromotion.of(spec).minimumInvocations(1000)).await();

        assertThat(outcome).isInstanceOf(Outcome.NotApplied.class);
        assertThat(outcome.summary()).contains("shadow Invocations >= 1000 FAILED: shadow churn-v2-shadow saw 10");
        VariantEndpointSpec other = Endpoint.serving(Variant.named("AllTraffic").model(model("other-v1")).on("ml.m5.xlarge"))
                .shadow(Variant.named("s").model(model("other-v2")).on("ml.m5.xlarge")).named("not-there");
        assertThatThrownBy(() -> ballast.promoteShadow(ShadowPromotion.of(other))).isInstanceOf(PlanningException.class)
                .hasMessageContaining("does not exist");
    }
}
