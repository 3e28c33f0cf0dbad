package dev.ballast;

import dev.ballast.dsl.VariantEndpointStep;
import dev.ballast.internal.validation.Rules;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.spec.VariantProperty;
import dev.ballast.spec.Vpc;
import java.util.List;
import java.util.Set;

/**
 * The one implementation of {@link VariantEndpointStep}: the recorded calls of
 * {@link EndpointDraft}; {@link #named(String)} replays them, so the whole spec is validated at
 * once by {@link VariantEndpointSpec}.
 */
final class VariantEndpointDraft extends EndpointDraft<VariantEndpointStep, VariantEndpointSpec, VariantEndpointSpec.Builder>
        implements VariantEndpointStep {

    private VariantEndpointDraft(List<Step<VariantEndpointSpec.Builder>> steps) {
        super(steps);
    }

    static VariantEndpointStep start(Variant first, Variant... more) {
        Rules.given(first, "variants", "first", "serve a variant: Endpoint.serving(Variant.named(\"AllTraffic\")...)");
        Rules.givenAll(more, "variants", "more", "list only variants, or none");
        VariantEndpointStep draft = new VariantEndpointDraft(List.of()).add(first);
        for (Variant v : more) {
            draft = draft.variant(v);
        }
        return draft;
    }

    private VariantEndpointStep add(Variant variant) {
        Rules.given(variant, "variants", "variant", "add a variant: variant(Variant.named(\"model-v2-variant\")...)");
        return with("variant(" + variant.spec().name() + ")", b -> b.addVariant(variant.spec()));
    }

    @Override
    public VariantEndpointStep variant(Variant variant) {
        return add(variant);
    }

    @Override
    public VariantEndpointStep shadow(Variant shadow) {
        Rules.given(shadow, "shadowVariants", "shadow", "add a shadow variant: shadow(Variant.named(\"model-v2-shadow\").model(v2).on(\"ml.m5.xlarge\").weight(0.5))");
        return with("shadow(" + shadow.spec().name() + ")", b -> b.addShadowVariants(shadow.spec()));
    }

    @Override
    public VariantEndpointStep dataCapture(DataCapture capture) {
        Rules.given(capture, "dataCapture", "capture", "give a configuration, for example DataCapture.to(\"s3://my-bucket/capture/\")");
        return with("dataCapture(" + capture + ")", b -> b.dataCapture(capture.spec()));
    }

    @Override
    public VariantEndpointStep update(BlueGreen policy) {
        Rules.given(policy, "update", "policy", "give a policy, for example update(BlueGreen.allAtOnce())");
        // The last update(..) wins: a spec has one policy.
        return with("update(" + policy + ")", b -> {
            b.rollingUpdate(java.util.Optional.empty());
            return b.blueGreen(policy.spec());
        });
    }

    @Override
    public VariantEndpointStep update(RollingUpdate policy) {
        Rules.given(policy, "update", "policy", "give a policy, for example update(RollingUpdate.batch(1).wait(Duration.ofMinutes(5)))");
        return with("update(" + policy + ")", b -> {
            b.blueGreen(java.util.Optional.empty());
            return b.rollingUpdate(policy.spec());
        });
    }

    @Override
    public VariantEndpointStep retainVariantProperties(VariantProperty... except) {
        Rules.givenAll(except, "retainVariantProperties", "except", "list only properties, or none");
        Set<VariantProperty> excluded = Set.copyOf(java.util.Arrays.asList(except));
        return with("retainVariantProperties(" + excluded + ")", b -> b.retainVariantProperties(true).excludedRetainedProperties(excluded));
    }

    @Override
    public VariantEndpointStep resetVariantProperties() {
        return with("resetVariantProperties()", b -> b.retainVariantProperties(false).excludedRetainedProperties(Set.of()));
    }

    @Override
    public VariantEndpointStep retainDeploymentConfig() {
        return with("retainDeploymentConfig()", b -> b.retainDeploymentConfig(true));
    }

    @Override
    public VariantEndpointStep instanceLimit(InstanceType type, int maxInstances) {
        Rules.given(type, "instanceLimit", "type", "give the instance type the quota is for, for example InstanceType.ML_M5_XLARGE");
        return with("instanceLimit(" + type + ", " + maxInstances + ")", b -> b.putInstanceLimit(type, maxInstances));
    }

    @Override
    VariantEndpointDraft withSteps(List<Step<VariantEndpointSpec.Builder>> steps) {
        return new VariantEndpointDraft(steps);
    }

    @Override
    VariantEndpointSpec.Builder vpc(VariantEndpointSpec.Builder builder, Vpc vpc) {
        return builder.vpc(vpc);
    }

    @Override
    VariantEndpointSpec.Builder kmsKey(VariantEndpointSpec.Builder builder, String keyId) {
        return builder.kmsKeyId(keyId);
    }

    @Override
    VariantEndpointSpec.Builder tag(VariantEndpointSpec.Builder builder, String key, String value) {
        return builder.putTag(key, value);
    }

    @Override
    VariantEndpointSpec.Builder builder() {
        return VariantEndpointSpec.builder();
    }

    @Override
    VariantEndpointSpec build(VariantEndpointSpec.Builder replayed, String endpointName) {
        return replayed.name(endpointName).build();
    }

    @Override
    String exampleName() {
        return "my-model-endpoint";
    }

    @Override
    String start() {
        return "Endpoint.serving(..)";
    }
}
