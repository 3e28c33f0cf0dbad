package dev.ballast.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.ballast.BlueGreen;
import dev.ballast.Component;
import dev.ballast.Endpoint;
import dev.ballast.Model;
import dev.ballast.RollingUpdate;
import dev.ballast.Variant;
import dev.ballast.dsl.VariantEndpointStep;
import dev.ballast.plan.Surge;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.VariantEndpointSpec;

/**
 * The arithmetic of each strategy's surge, against figures worked out by hand in the comments. The
 * launch allowance is 10 min throughout; prices are the carried us-east-1 list (ml.g5.2xlarge
 * $1.515, ml.g5.12xlarge $7.09, ml.m5.xlarge $0.23 an hour).
 */
class SurgeEstimateTest {

    private static final String IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/llm:1";
    private static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerRole";

    private static Surge only(List<Surge> surge) {
        assertThat(surge).hasSize(1);
        return surge.get(0);
    }

    private static void assertSurge(Surge s, String type, int extra, Duration duration, String hours) {
        assertThat(s.instanceType()).isEqualTo(type);
        assertThat(s.extraInstances()).isEqualTo(extra);
        assertThat(s.duration()).isEqualTo(duration);
        assertThat(s.instanceHours()).isEqualByComparingTo(hours);
    }

    // ---- components, rolled by copies

    @Test
    @DisplayName("rolling by copies, no room: the batch needs new instances for every batch's launch and wait")
    void componentNeedsAnInstance() {
        // ml.g5.2xlarge has 1 GPU: 1 copy per instance. 2 copies on 2 instances + a batch of 1 = 3
        // instances: 1 extra. 2 batches × (10 min + 2 min) = 24 min; 1 × 24/60 = 0.4 h; × $1.515 = $0.606.
        Surge s = only(Planner.updateComponent(NotebookSpecs.deepSeek(), NotebookSpecs.COMPONENT).surge());

        assertSurge(s, "ml.g5.2xlarge", 1, Duration.ofMinutes(24), "0.4");
        assertThat(s.cost().orElseThrow().usd()).isEqualByComparingTo("0.606");
    }

    private static ComponentEndpointSpec fourGpus(int copies, int batch, int instances) {
        return Endpoint.on("ml.g5.12xlarge").scale(1, 4).instances(instances).executionRole(ROLE)
                .component(Component.named("llm").image(IMAGE).accelerators(1).memoryMb(1024).copies(copies))
                .rollingUpdate(RollingUpdate.batch(batch).wait(Duration.ofMinutes(5)))
                .named("four-gpus");
    }

    @Test
    @DisplayName("rolling by copies with room on the running instances: no surge at all")
    void componentFitsBesideTheOld() {
        // ml.g5.12xlarge has 4 GPUs: 4 copies per instance. 6 copies + a batch of 2 = 8 slots = 2
        // instances, which run already.
        assertThat(Planner.updateComponent(fourGpus(6, 2, 2), "llm").surge()).isEmpty();
        assertThat(Planner.updateComponent(fourGpus(6, 2, 2), "llm").toString()).doesNotContain("surge");
    }

    @Test
    @DisplayName("rolling by copies, part of the batch fits: only the rest needs instances")
    void componentNeedsPartOfAnInstance() {
        // 8 copies + a batch of 4 = 12 slots = 3 instances of 4; 2 run: 1 extra. 8 / 4 = 2 batches
        // × (10 + 5 min) = 30 min; 0.5 h × $7.09 = $3.545.
        Surge s = only(Planner.updateComponent(fourGpus(8, 4, 2), "llm").surge());

        assertSurge(s, "ml.g5.12xlarge", 1, Duration.ofMinutes(30), "0.5");
        assertThat(s.cost().orElseThrow().usd()).isEqualByComparingTo("3.545");
        assertThat(s).hasToString("surge: at most 1 extra ml.g5.12xlarge for ~30 min (≈ 0.5 instance-hours, ≈ $3.5 at us-east-1 on-demand)");
    }

    @Test
    @DisplayName("an endpoint created with fewer instances than its copies need: counted from the instances the old copies fill")
    void fewerInstancesThanTheCopiesNeed() {
        // scale(1, 4) without instances(..) starts with 1 instance, but 2 one-GPU copies fill 2 (managed
        // instance scaling added the second); the batch of 1 needs a 3rd: 1 extra, not 2.
        ComponentEndpointSpec spec = Endpoint.on("ml.g5.2xlarge").scale(1, 4).executionRole(ROLE)
                .component(Component.named("llm").image(IMAGE).accelerators(1).memoryMb(1024).copies(2))
                .rollingUpdate(RollingUpdate.batch(1).wait(Duration.ofSeconds(120)))
                .named("one-to-start");

        assertSurge(only(Planner.updateComponent(spec, "llm").surge()), "ml.g5.2xlarge", 1, Duration.ofMinutes(24), "0.4");
    }

    @Test
    @DisplayName("a component without a rolling policy: all copies new at once, for the launch alone")
    void componentWithoutPolicy() {
        // 2 copies + 2 new = 4 instances of 1 GPU; 2 run: 2 extra for 10 min = 0.3333 h.
        ComponentEndpointSpec spec = Endpoint.on("ml.g5.2xlarge").scale(1, 4).instances(2).executionRole(ROLE)
                .component(Component.named("llm").image(IMAGE).accelerators(1).memoryMb(1024).copies(2))
                .named("no-policy");

        assertSurge(only(Planner.updateComponent(spec, "llm").surge()), "ml.g5.2xlarge", 2, Duration.ofMinutes(10), "0.3333");
    }

    @Test
    @DisplayName("a create has no surge: nothing runs beside it")
    void createHasNone() {
        assertThat(Planner.create(NotebookSpecs.llama("hf_notebook_token")).surge()).isEmpty();
    }

    // ---- endpoints of model variants

    private static Model model(String name) {
        return Model.named(name).image(IMAGE).modelData("s3://my-models/" + name + "/model.tar.gz").executionRole(ROLE);
    }

    private static VariantEndpointStep twoVariants(int instances) {
        return Endpoint.serving(
                Variant.named("v1").model(model("m1")).on("ml.m5.xlarge").instances(instances).weight(0.9),
                Variant.named("v2").model(model("m2")).on("ml.m5.xlarge").instances(instances).weight(0.1));
    }

    @Test
    @DisplayName("rolling by instances: the batch through its batches; an endpoint of several variants, which SageMaker does not roll, doubles every fleet")
    void rollingVariants() {
        // Batch 1 of 4 instances → 4 batches × (10 + 2 min) = 48 min, 1 extra; 48/60 = 0.8 h; × $0.23 = $0.184.
        Surge one = only(Planner.updateEndpoint(Endpoint.serving(Variant.named("v1").model(model("m1")).on("ml.m5.xlarge").instances(4))
                .update(RollingUpdate.batch(1).wait(Duration.ofMinutes(2))).named("e")).surge());
        // Two variants: SageMaker runs the update blue/green, all at once: 4 + 4 extra for the launch (10 min) = 8 × 10/60 h.
        Surge two = only(Planner.updateEndpoint(twoVariants(4).update(RollingUpdate.batch(1).wait(Duration.ofMinutes(2)))
                .named("e")).surge());

        assertSurge(one, "ml.m5.xlarge", 1, Duration.ofMinutes(48), "0.8");
        assertThat(one.cost().orElseThrow().usd()).isEqualByComparingTo("0.184");
        assertSurge(two, "ml.m5.xlarge", 8, Duration.ofMinutes(10), "1.3333");
    }

    @Test
    @DisplayName("blue/green all at once: the whole second fleet through the launch and one bake")
    void allAtOnce() {
        // 2 variants × 1 instance = 2 extra; 10 + 5 min = 15 min; 2 × 0.25 = 0.5 h; × $0.23 = $0.115.
        Surge s = only(Planner.updateEndpoint(twoVariants(1).update(BlueGreen.allAtOnce().bake(Duration.ofMinutes(5)))
                .named("e")).surge());

        assertSurge(s, "ml.m5.xlarge", 2, Duration.ofMinutes(15), "0.5");
        assertThat(s).hasToString("surge: at most 2 extra ml.m5.xlarge for ~15 min (≈ 0.5 instance-hours, ≈ $0.12 at us-east-1 on-demand)");
    }

    @Test
    @DisplayName("blue/green canary: the second fleet through the canary's bake, the final bake and the termination wait")
    void canary() {
        // 2 × 2 = 4 extra; 10 + 2 × 10 + 5 = 35 min; 4 × 35/60 = 2.3333 h.
        Surge s = only(Planner.updateEndpoint(twoVariants(2).update(BlueGreen.canaryInstances(1).bake(Duration.ofMinutes(10))
                .terminationWait(Duration.ofMinutes(5))).named("e")).surge());

        assertSurge(s, "ml.m5.xlarge", 4, Duration.ofMinutes(35), "2.3333");
    }

    @Test
    @DisplayName("blue/green linear: one bake per step, in percent of the capacity or in instances")
    void linear() {
        // 25 % steps: 4 bakes; 10 + 4 × 5 = 30 min; 4 extra × 0.5 h = 2 h.
        assertSurge(only(Planner.updateEndpoint(twoVariants(2).update(BlueGreen.linearPercent(25).bake(Duration.ofMinutes(5)))
                .named("e")).surge()), "ml.m5.xlarge", 4, Duration.ofMinutes(30), "2");
        // Steps of 1 instance of a variant's 2: 2 bakes; 10 + 2 × 5 + 3 = 23 min; 4 × 23/60 = 1.5333 h.
        assertSurge(only(Planner.updateEndpoint(twoVariants(2).update(BlueGreen.linearInstances(1).bake(Duration.ofMinutes(5))
                .terminationWait(Duration.ofMinutes(3))).named("e")).surge()), "ml.m5.xlarge", 4, Duration.ofMinutes(23), "1.5333");
    }

    @Test
    @DisplayName("no policy: SageMaker's all at once without baking, the launch alone; a stored policy: no estimate")
    void noPolicyAndStoredPolicy() {
        // 2 × 1 extra for 10 min = 0.3333 h.
        assertSurge(only(Planner.updateEndpoint(twoVariants(1).named("e")).surge()), "ml.m5.xlarge", 2, Duration.ofMinutes(10), "0.3333");
        assertThat(Planner.updateEndpoint(twoVariants(1).retainDeploymentConfig().named("e")).surge()).isEmpty();
    }

    @Test
    @DisplayName("variants of two types: a line each, dollars only where the type has a price")
    void twoTypes() {
        VariantEndpointSpec spec = Endpoint.serving(
                        Variant.named("gpu").model(model("m1")).on("ml.g5.2xlarge").instances(1).weight(0.5),
                        Variant.named("cpu").model(model("m2")).on("ml.t2.medium").instances(3).weight(0.5))
                .update(BlueGreen.allAtOnce().bake(Duration.ofMinutes(20)))
                .named("e");

        // 30 min each: 1 × 0.5 h × $1.515 = $0.7575; 3 × 0.5 = 1.5 h of ml.t2.medium, which has no price here.
        assertThat(Planner.updateEndpoint(spec).surge()).extracting(Surge::toString).containsExactly(
                "surge: at most 1 extra ml.g5.2xlarge for ~30 min (≈ 0.5 instance-hours, ≈ $0.76 at us-east-1 on-demand)",
                "surge: at most 3 extra ml.t2.medium for ~30 min (≈ 1.5 instance-hours)");
        assertThat(Planner.updateEndpoint(spec).surge().get(0).instanceHours()).isEqualTo(new BigDecimal("0.5000"));
    }
}
