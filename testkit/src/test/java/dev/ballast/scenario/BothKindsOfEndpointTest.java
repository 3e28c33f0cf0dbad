package dev.ballast.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.ballast.Ballast;
import dev.ballast.engine.BallastEngine;
import dev.ballast.engine.Planner;
import dev.ballast.outcome.Outcome;
import dev.ballast.plan.ApiCall;
import dev.ballast.plan.Plan;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.EndpointSpec;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.testkit.FakeSageMaker;

/**
 * One door for both kinds of endpoint: code that holds a mixed list of {@link EndpointSpec}s plans,
 * applies, attaches to, invokes and deletes each through the same {@link Ballast} methods, and each
 * kind gets its own requests.
 */
class BothKindsOfEndpointTest {

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final Ballast ballast = BallastEngine.builder().transport(fake).clock(fake.clock(), fake.clock()).build();

    private final EndpointSpec components = NotebookSpecs.llama();
    private final EndpointSpec variants = ABTestSpecs.abTest();

    @Test
    @DisplayName("a mixed list of specs is planned, applied, attached to and deleted through the same methods")
    void aMixedListGoesThroughOneDoor() {
        List<EndpointSpec> specs = List.of(components, variants);

        for (EndpointSpec spec : specs) {
            assertThat(calls(ballast.plan(spec))).as("plan of %s", spec.name()).isEqualTo(calls(Planner.create(spec)));
            assertThat(ballast.apply(spec).await()).as("apply of %s", spec.name()).isInstanceOf(Outcome.Succeeded.class);
        }
        assertThat(fake.sageMakerClient().describeEndpoint(b -> b.endpointName(components.name())).endpointStatusAsString())
                .isEqualTo("InService");
        assertThat(fake.sageMakerClient().describeEndpoint(b -> b.endpointName(variants.name())).productionVariants())
                .extracting(v -> v.variantName()).containsExactly(ABTestSpecs.V1, ABTestSpecs.V2);

        for (EndpointSpec spec : specs) {
            assertThat(ballast.plan(spec).calls()).as("second plan of %s", spec.name()).isEmpty();
            assertThat(ballast.attach(spec).await()).as("attach to %s", spec.name()).isInstanceOf(Outcome.Succeeded.class);
            assertThat(ballast.delete(spec).await()).as("delete of %s", spec.name()).isInstanceOf(Outcome.Succeeded.class);
        }
        assertThat(fake.sageMakerClient().listEndpoints().endpoints()).isEmpty();
        assertThat(fake.sageMakerClient().listInferenceComponents(b -> { }).inferenceComponents()).isEmpty();
        assertThat(fake.sageMakerClient().listModels().models()).isEmpty();
    }

    @Test
    @DisplayName("each kind plans its own first requests: components on an endpoint, or models behind variants")
    void eachKindPlansItsOwnRequests() {
        assertThat(calls(Planner.create(components))).startsWith("CreateEndpointConfig", "CreateEndpoint")
                .contains("CreateInferenceComponent").doesNotContain("CreateModel");
        assertThat(calls(Planner.create(variants))).startsWith("CreateModel", "CreateModel", "CreateEndpointConfig")
                .doesNotContain("CreateInferenceComponent");
    }

    @Test
    @DisplayName("invoke names a component of an endpoint of components, a variant of an endpoint of variants")
    void invokeTargetsTheNamedPart() {
        ballast.apply(components).await();
        ballast.apply(variants).await();
        String chat = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        assertThat(ballast.invoke(components, "llm", chat).body()).contains("chat.completion");
        assertThat(ballast.invoke(variants, ABTestSpecs.V2, dev.ballast.testkit.Traffic.DEFAULT_BODY).invokedVariant()).contains(ABTestSpecs.V2);

        assertThatThrownBy(() -> ballast.invoke(components, "nope", chat))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Endpoint 'rolling-demo' has no component 'nope'; it has [llm]");
        assertThatThrownBy(() -> ballast.invoke(variants, "nope", dev.ballast.testkit.Traffic.DEFAULT_BODY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Endpoint '" + variants.name() + "' has no variant 'nope'; it has [" + ABTestSpecs.V1 + ", " + ABTestSpecs.V2 + "]");
    }

    @Test
    @DisplayName("the two kinds are the only cases, and each says what its rollback alarms are")
    void theSealedTypeHasTwoCases() {
        assertThat(EndpointSpec.class.isSealed()).isTrue();
        assertThat(EndpointSpec.class.getPermittedSubclasses()).containsExactlyInAnyOrder(ComponentEndpointSpec.class, VariantEndpointSpec.class);
        assertThat(components.rollbackAlarmNames()).containsExactly(NotebookSpecs.ALARM);
        assertThat(variants.rollbackAlarmNames()).isEqualTo(((VariantEndpointSpec) variants).rollbackAlarmNames());
    }

    private static List<String> calls(Plan plan) {
        return plan.calls().stream().map(ApiCall::operation).toList();
    }
}
