package dev.ballast.spec;

import dev.ballast.InstanceType;
import dev.ballast.internal.validation.EndpointValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.immutables.value.Value;

/**
 * An endpoint of model variants: each production variant serves one
 * model on its own instances (or serverless) and takes a weighted share of the traffic, as in an
 * A/B test of {@code my-model-v1} at 0.9 and {@code my-model-v2} at 0.1. Optional data capture,
 * VPC and KMS key on the endpoint configuration; an update policy (blue/green or rolling) with
 * rollback alarms for the next {@code UpdateEndpoint}.
 *
 * <p>One of the two kinds of {@link EndpointSpec}; {@code Endpoint.serving(..)} starts one. Valid by
 * construction, like {@link ComponentEndpointSpec}: building one checks every rule and throws
 * one {@link dev.ballast.error.SpecValidationException} that lists all violations.
 *
 * <pre>{@code
 * VariantEndpointSpec spec = Endpoint.serving(
 *         Variant.named("model-v1-variant").model(v1).on("ml.m5.xlarge").instances(1).weight(0.9),
 *         Variant.named("model-v2-variant").model(v2).on("ml.m5.xlarge").instances(1).weight(0.1))
 *     .dataCapture(DataCapture.to("s3://my-bucket/capture/").sampling(100))
 *     .update(BlueGreen.canary(Capacity.percent(50)).bake(Duration.ofMinutes(10)).rollbackOn(errors))
 *     .named("my-model-endpoint");
 * }</pre>
 */
@Value.Immutable
public non-sealed abstract class VariantEndpointSpec implements EndpointSpec {

    /** For the implementation Immutables generates; build one with {@link #builder()}. */
    protected VariantEndpointSpec() {
    }

    /** SageMaker's limit on production variants per endpoint configuration. */
    public static final int MAX_VARIANTS = 10;

    /** @return the endpoint's name */
    public abstract String name();

    /** @return the production variants, in the order given (1 to 10) */
    public abstract List<VariantSpec> variants();

    /**
     * The shadow variants ({@code ShadowProductionVariants}): a model that receives a copy of a
     * sampled share of production's requests and whose answers nobody sees, for a shadow test
     * before a promotion. SageMaker allows at most one, and then exactly one production variant
     * (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/shadow-tests-create.html">Create a
     * shadow test</a>).
     *
     * @return the shadow variants, in the order given (none, or one)
     */
    public abstract List<VariantSpec> shadowVariants();

    /**
     * The share of production's requests copied to a shadow variant: its weight over the production
     * variant's ({@code InitialVariantWeight} of each), at most 1. SageMaker's shadow tests state
     * the copied share as a {@code SamplingPercentage} of the production variant's requests
     * (<a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ShadowModelVariantConfig.html">ShadowModelVariantConfig</a>);
     * an endpoint configuration carries it as the shadow's weight relative to production's.
     *
     * @param shadow one of {@link #shadowVariants()}
     * @return the sampled share, from 0 to 1
     */
    public final double shadowSamplingShare(VariantSpec shadow) {
        double production = variants().isEmpty() ? 0 : variants().get(0).initialWeight();
        return production <= 0 ? 0 : Math.min(1.0, shadow.initialWeight() / production);
    }

    /**
     * The spec once the shadow variant is promoted: the production variant keeps its name and
     * weight and takes everything else from the shadow (model, instances, serverless settings,
     * volume, timeouts, auto scaling); there is no shadow any more. Keeping the name keeps the
     * variant's alarms, auto-scaling target and {@code TargetVariant} callers as they are.
     *
     * @return this spec with the shadow promoted, or this spec if it has no shadow
     */
    public final VariantEndpointSpec promoted() {
        if (shadowVariants().isEmpty() || variants().size() != 1) {
            return this;
        }
        VariantSpec production = variants().get(0);
        VariantSpec shadow = shadowVariants().get(0);
        VariantSpec next = VariantSpec.builder().from(shadow).name(production.name()).initialWeight(production.initialWeight()).build();
        return builder().from(this).variants(List.of(next)).shadowVariants(List.of()).build();
    }

    /** @return data capture, if on */
    public abstract Optional<DataCaptureSpec> dataCapture();

    /** @return the VPC of the endpoint configuration, if any */
    public abstract Optional<Vpc> vpc();

    /** @return the KMS key that encrypts the instances' storage volumes, if any */
    public abstract Optional<String> kmsKeyId();

    /** @return tags put on the endpoint configuration and the endpoint */
    public abstract Map<String, String> tags();

    /** @return the blue/green policy of the next update; with neither policy SageMaker shifts all at once without baking */
    public abstract Optional<BlueGreenSpec> blueGreen();

    /** @return the rolling policy of the next update, its batches counted in instances */
    public abstract Optional<RollingUpdateSpec> rollingUpdate();

    /**
     * @return whether an update keeps the variants' live properties ({@code RetainAllVariantProperties});
     *     when absent, Ballast keeps them exactly when a variant is auto scaled (see {@link #retainsVariantProperties()})
     */
    public abstract Optional<Boolean> retainVariantProperties();

    /** @return the live properties an update takes from the new configuration anyway ({@code ExcludeRetainedVariantProperties}) */
    public abstract Set<VariantProperty> excludedRetainedProperties();

    /** @return whether an update reuses the endpoint's stored deployment policy ({@code RetainDeploymentConfig}) */
    @Value.Default
    public boolean retainDeploymentConfig() {
        return false;
    }

    /**
     * @return the most instances of a type the account may run (its service quota), if known:
     *     validation then checks that an update's peak fits, for example a blue/green update's full
     *     second fleet
     */
    public abstract Map<InstanceType, Integer> instanceLimits();

    /**
     * Whether {@code UpdateEndpoint} keeps the live instance counts and weights. By default it does
     * exactly when a variant is auto scaled, so that an update does not reset the count auto scaling
     * chose; the weights then still come from the new configuration
     * ({@link #resolvedExcludedProperties()}).
     *
     * @return the explicit choice, else whether any variant is auto scaled
     */
    public final boolean retainsVariantProperties() {
        return retainVariantProperties().orElseGet(() -> variants().stream().anyMatch(v -> v.autoScaling().isPresent()));
    }

    /**
     * @return the explicit exclusions; by default, when properties are retained only because of
     *     auto scaling, the weights and the data capture configuration, which then come from the
     *     new configuration as the spec says (Ballast's reconcile also keeps weights a traffic
     *     shift set, when the spec's own weights did not change)
     */
    public final Set<VariantProperty> resolvedExcludedProperties() {
        if (!excludedRetainedProperties().isEmpty() || retainVariantProperties().isPresent() || !retainsVariantProperties()) {
            return excludedRetainedProperties();
        }
        return java.util.EnumSet.of(VariantProperty.DESIRED_WEIGHT, VariantProperty.DATA_CAPTURE_CONFIG);
    }

    /**
     * @param variantName a variant of this endpoint
     * @return the variant of that name, if there is one
     */
    public final Optional<VariantSpec> variant(String variantName) {
        return variants().stream().filter(v -> v.name().equals(variantName)).findFirst();
    }

    /** @return each model the variants serve, once, in the order the variants name them */
    public final List<ModelSpec> models() {
        Map<String, ModelSpec> models = new LinkedHashMap<>();
        variants().forEach(v -> v.model().ifPresent(m -> models.putIfAbsent(m.name(), m)));
        shadowVariants().forEach(v -> v.model().ifPresent(m -> models.putIfAbsent(m.name(), m)));
        return List.copyOf(models.values());
    }

    /** @return the rollback alarms of the update policy, blue/green or rolling */
    public final List<AlarmSpec> rollbackAlarms() {
        return blueGreen().map(BlueGreenSpec::rollbackAlarms)
                .or(() -> rollingUpdate().map(RollingUpdateSpec::rollbackAlarms)).orElse(List.of());
    }

    /**
     * Each rollback alarm watches each instance-based variant's metrics (dimensions
     * {@code EndpointName} and {@code VariantName}), so one alarm definition becomes one CloudWatch
     * alarm per variant, named {@code <endpoint>-<variant>-<metric>}.
     *
     * @return the CloudWatch alarm names by variant, in the order of the variants and the alarms
     */
    public final Map<String, List<String>> rollbackAlarmNamesByVariant() {
        Map<String, List<String>> names = new LinkedHashMap<>();
        for (VariantSpec v : variants()) {
            if (v.serverless().isEmpty()) {
                names.put(v.name(), rollbackAlarms().stream().map(a -> a.resolvedName(name(), v.name())).toList());
            }
        }
        return names;
    }

    /** @return every rollback alarm name, in order */
    @Override
    public final Set<String> rollbackAlarmNames() {
        Set<String> all = new LinkedHashSet<>();
        rollbackAlarmNamesByVariant().values().forEach(all::addAll);
        return all;
    }

    /**
     * @return the instances the variants start with, by instance type (a sum beyond
     *     {@code Integer.MAX_VALUE} stays at {@code Integer.MAX_VALUE})
     */
    public final Map<InstanceType, Integer> instancesByType() {
        Map<InstanceType, Integer> counts = new LinkedHashMap<>();
        variants().forEach(v -> v.instanceType().ifPresent(t -> counts.merge(t, v.resolvedInstanceCount(), VariantEndpointSpec::saturatedSum)));
        // a shadow variant runs instances of its own
        shadowVariants().forEach(v -> v.instanceType().ifPresent(t -> counts.merge(t, v.resolvedInstanceCount(), VariantEndpointSpec::saturatedSum)));
        return counts;
    }

    /** Adds two counts without overflowing: instance counts have no upper limit in SageMaker's API. */
    private static int saturatedSum(int a, int b) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, (long) a + b));
    }

    /**
     * Whether SageMaker rolls this spec's rolling update batch by batch: only for an endpoint of one
     * production variant and no shadow. Its
     * <a href="https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-exclusions.html">exclusions</a>
     * take multi-variant endpoints out of rolling deployments: they fall back to blue/green, all at
     * once, without a final bake.
     *
     * @return whether a rolling policy is set and SageMaker honours it
     */
    public final boolean rollsInBatches() {
        return rollingUpdate().isPresent() && variants().size() == 1 && shadowVariants().isEmpty();
    }

    /**
     * The most instances of each type an update to this spec runs at once, on top of the instances
     * of the configuration it replaces: a blue/green update (the default) provisions the whole new
     * fleet beside the old one; a rolling update one batch (an endpoint of several variants, which
     * SageMaker does not roll, the whole fleet: see {@link #rollsInBatches()}).
     *
     * @return the extra instances by type at the update's peak (a sum beyond
     *     {@code Integer.MAX_VALUE} stays at {@code Integer.MAX_VALUE})
     */
    public final Map<InstanceType, Integer> updateSurgeByType() {
        Map<InstanceType, Integer> surge = new LinkedHashMap<>();
        List<VariantSpec> all = new ArrayList<>(variants());
        all.addAll(shadowVariants());
        for (VariantSpec v : all) {
            if (v.instanceType().isEmpty()) {
                continue;
            }
            int count = v.resolvedInstanceCount();
            int extra = rollsInBatches() ? rollingUpdate().get().batchSize(count) : count;
            surge.merge(v.instanceType().get(), extra, VariantEndpointSpec::saturatedSum);
        }
        return surge;
    }

    /**
     * The name of the endpoint configuration this spec needs: the endpoint's name and a short hash
     * of everything that goes into the configuration (see {@link ComponentEndpointSpec#endpointConfigName()}).
     *
     * @return for example {@code my-model-endpoint-3f9a1c2e}
     */
    @Value.Lazy
    @Override
    public String endpointConfigName() {
        return ConfigNames.versioned(name(), configFingerprint());
    }

    /** Order-free where SageMaker is, complete: equal specs give equal names. */
    private String configFingerprint() {
        List<String> parts = new ArrayList<>();
        parts.add("endpoint=" + name());
        List<VariantSpec> all = new ArrayList<>(variants());
        all.addAll(shadowVariants());
        for (VariantSpec v : all) {
            parts.add((variants().contains(v) ? "variant=" : "shadow=") + v.name() + "/" + v.model().map(ModelSpec::name).orElse("") + "/"
                    + v.instanceType().map(Object::toString).orElse("") + "/" + v.resolvedInstanceCount() + "/"
                    + v.initialWeight() + "/" + v.serverless().map(Object::toString).orElse("") + "/"
                    + v.volumeSizeGb().map(String::valueOf).orElse("") + "/"
                    + v.modelDataDownloadTimeout().map(d -> String.valueOf(d.toSeconds())).orElse("") + "/"
                    + v.containerStartupHealthCheckTimeout().map(d -> String.valueOf(d.toSeconds())).orElse(""));
        }
        parts.add("capture=" + dataCapture().map(c -> c.enabled() + "/" + c.samplingPercentage() + "/" + new TreeSet<>(c.modes())
                + "/" + c.destinationS3Uri().orElse("") + "/" + c.kmsKeyId().orElse("") + "/" + c.csvContentTypes() + "/"
                + c.jsonContentTypes()).orElse(""));
        parts.add("vpc=" + vpc().map(v -> new TreeSet<>(v.subnets()) + "/" + new TreeSet<>(v.securityGroupIds())).orElse(""));
        parts.add("kms=" + kmsKeyId().orElse(""));
        parts.add("tags=" + new TreeMap<>(tags()));
        return String.join("|", parts);
    }

    @Value.Check
    protected void check() {
        EndpointValidator.validate(this);
    }

    /** @return a builder; {@code name} and at least one variant are required */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link VariantEndpointSpec}; {@code build()} validates the whole spec. */
    public static class Builder extends ImmutableVariantEndpointSpec.Builder {

        /** An empty builder; {@code builder()} is the usual way to get one. */
        public Builder() {
        }
    }

    /** @return every attribute that is set, one variant per line; secret values show as {@code ****} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Endpoint{").append(name());
        dataCapture().ifPresent(c -> sb.append(", ").append(c));
        vpc().ifPresent(v -> sb.append(", vpc ").append(v.subnets()).append(' ').append(v.securityGroupIds()));
        kmsKeyId().ifPresent(k -> sb.append(", kms ").append(k));
        if (!tags().isEmpty()) {
            sb.append(", tags ").append(tags());
        }
        blueGreen().ifPresent(b -> sb.append(", update ").append(b));
        rollingUpdate().ifPresent(r -> sb.append(", update ").append(r));
        retainVariantProperties().ifPresent(r -> sb.append(r ? ", retain variant properties" : ", reset variant properties"));
        if (!excludedRetainedProperties().isEmpty()) {
            sb.append(" except ").append(excludedRetainedProperties());
        }
        if (retainDeploymentConfig()) {
            sb.append(", retain deployment config");
        }
        if (!instanceLimits().isEmpty()) {
            sb.append(", instance limits ").append(instanceLimits());
        }
        for (VariantSpec v : variants()) {
            sb.append(",\n  ").append(v);
        }
        for (VariantSpec v : shadowVariants()) {
            sb.append(",\n  shadow ").append(v).append(" sampling ").append(AlarmSpec.number(100 * shadowSamplingShare(v))).append('%');
        }
        for (ModelSpec m : models()) {
            sb.append(",\n  ").append(m);
        }
        return sb.append('}').toString();
    }
}
