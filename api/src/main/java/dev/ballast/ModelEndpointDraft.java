package dev.ballast;

import dev.ballast.dsl.ModelEndpointStep;
import dev.ballast.internal.validation.Rules;
import dev.ballast.spec.ModelEndpointSpec;
import dev.ballast.spec.VariantProperty;
import dev.ballast.spec.Vpc;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The one implementation of {@link ModelEndpointStep}: an immutable list of recorded builder
 * calls. {@link #named(String)} replays them on a fresh builder, so the whole spec is validated
 * at once by {@link ModelEndpointSpec}.
 */
final class ModelEndpointDraft implements ModelEndpointStep {

    private final List<Step> steps;

    private record Step(String text, UnaryOperator<ModelEndpointSpec.Builder> apply) {
    }

    private ModelEndpointDraft(List<Step> steps) {
        this.steps = steps;
    }

    static ModelEndpointDraft start(Variant first, Variant... more) {
        Rules.given(first, "variants", "first", "serve a variant: Endpoint.serving(Variant.named(\"AllTraffic\")...)");
        Rules.givenAll(more, "variants", "more", "list only variants, or none");
        ModelEndpointDraft draft = new ModelEndpointDraft(List.of()).add(first);
        for (Variant v : more) {
            draft = draft.add(v);
        }
        return draft;
    }

    private ModelEndpointDraft with(String text, UnaryOperator<ModelEndpointSpec.Builder> apply) {
        List<Step> next = new ArrayList<>(steps);
        next.add(new Step(text, apply));
        return new ModelEndpointDraft(List.copyOf(next));
    }

    private ModelEndpointDraft add(Variant variant) {
        Rules.given(variant, "variants", "variant", "add a variant: variant(Variant.named(\"model-v2-variant\")...)");
        return with("variant(" + variant.spec().name() + ")", b -> b.addVariant(variant.spec()));
    }

    @Override
    public ModelEndpointStep variant(Variant variant) {
        return add(variant);
    }

    @Override
    public ModelEndpointStep dataCapture(DataCapture capture) {
        Rules.given(capture, "dataCapture", "capture", "give a configuration, for example DataCapture.to(\"s3://my-bucket/capture/\")");
        return with("dataCapture(" + capture + ")", b -> b.dataCapture(capture.spec()));
    }

    @Override
    public ModelEndpointStep vpc(List<String> subnets, List<String> securityGroupIds) {
        Vpc vpc = Vpc.of(subnets, securityGroupIds);
        Rules.require(Rules.vpc(vpc.subnets(), vpc.securityGroupIds()));
        return with("vpc(" + vpc.subnets() + ", " + vpc.securityGroupIds() + ")", b -> b.vpc(vpc));
    }

    @Override
    public ModelEndpointStep kmsKey(String keyId) {
        Rules.given(keyId, "kmsKey", "keyId", "give a KMS key id, alias or ARN");
        Rules.require(Rules.kmsKey("kmsKey", keyId));
        return with("kmsKey(\"" + keyId + "\")", b -> b.kmsKeyId(keyId));
    }

    @Override
    public ModelEndpointStep tag(String key, String value) {
        Rules.given(key, "tags", "key", "give the tag's key, for example tag(\"team\", \"ml\")");
        Rules.given(value, "tags[" + Rules.key(key) + "].value", "value", "give the tag's value; \"\" for none");
        Rules.require(Rules.tag(key, value));
        return with("tag(\"" + key + "\", \"" + value + "\")", b -> b.putTag(key, value));
    }

    @Override
    public ModelEndpointStep update(BlueGreen policy) {
        Rules.given(policy, "update", "policy", "give a policy, for example update(BlueGreen.allAtOnce())");
        // The last update(..) wins: a spec has one policy.
        return with("update(" + policy + ")", b -> {
            b.rollingUpdate(java.util.Optional.empty());
            return b.blueGreen(policy.spec());
        });
    }

    @Override
    public ModelEndpointStep update(RollingUpdate policy) {
        Rules.given(policy, "update", "policy", "give a policy, for example update(RollingUpdate.batch(1).wait(Duration.ofMinutes(5)))");
        return with("update(" + policy + ")", b -> {
            b.blueGreen(java.util.Optional.empty());
            return b.rollingUpdate(policy.spec());
        });
    }

    @Override
    public ModelEndpointStep retainVariantProperties(VariantProperty... except) {
        Rules.givenAll(except, "retainVariantProperties", "except", "list only properties, or none");
        Set<VariantProperty> excluded = Set.copyOf(java.util.Arrays.asList(except));
        return with("retainVariantProperties(" + excluded + ")", b -> b.retainVariantProperties(true).excludedRetainedProperties(excluded));
    }

    @Override
    public ModelEndpointStep resetVariantProperties() {
        return with("resetVariantProperties()", b -> b.retainVariantProperties(false).excludedRetainedProperties(Set.of()));
    }

    @Override
    public ModelEndpointStep retainDeploymentConfig() {
        return with("retainDeploymentConfig()", b -> b.retainDeploymentConfig(true));
    }

    @Override
    public ModelEndpointStep instanceLimit(InstanceType type, int maxInstances) {
        Rules.given(type, "instanceLimit", "type", "give the instance type the quota is for, for example InstanceType.ML_M5_XLARGE");
        return with("instanceLimit(" + type + ", " + maxInstances + ")", b -> b.putInstanceLimit(type, maxInstances));
    }

    @Override
    public ModelEndpointSpec named(String endpointName) {
        Rules.given(endpointName, "name", "endpointName", "name the endpoint, for example named(\"my-model-endpoint\")");
        ModelEndpointSpec.Builder builder = ModelEndpointSpec.builder();
        for (Step step : steps) {
            step.apply().apply(builder);
        }
        return builder.name(endpointName).build();
    }

    /** @return the chain so far, for example {@code Endpoint.serving(..).variant(model-v1-variant).variant(model-v2-variant) (not named yet)} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Endpoint.serving(..)");
        for (Step s : steps) {
            sb.append('.').append(s.text());
        }
        return sb.append("\n  (not named yet: finish with .named(\"...\"))").toString();
    }
}
