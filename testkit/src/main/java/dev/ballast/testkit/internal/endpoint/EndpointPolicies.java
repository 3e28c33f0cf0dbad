package dev.ballast.testkit.internal.endpoint;

import dev.ballast.testkit.internal.errors.SageMakerErrors;
import dev.ballast.testkit.internal.errors.ValidationReport;
import dev.ballast.testkit.internal.placement.BatchSizes;
import dev.ballast.testkit.internal.sim.Arns;
import dev.ballast.testkit.internal.sim.Registry;
import dev.ballast.testkit.internal.sim.Sim;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sagemaker.model.Alarm;
import software.amazon.awssdk.services.sagemaker.model.BlueGreenUpdatePolicy;
import software.amazon.awssdk.services.sagemaker.model.CapacitySize;
import software.amazon.awssdk.services.sagemaker.model.CapacitySizeType;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.RollingUpdatePolicy;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfig;

/**
 * Validates an endpoint
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DeploymentConfig.html">
 * {@code DeploymentConfig}</a>
 * (<a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_BlueGreenUpdatePolicy.html">
 * BlueGreenUpdatePolicy</a>,
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_RollingUpdatePolicy.html">
 * RollingUpdatePolicy</a>) and resolves it into a blue/green or rolling deployment.
 *
 * <p>Model constraints (ranges, enums, alarms 1..10) are checked against the API model before the
 * request gets here; the members a routing type needs fail with the service's
 * {@code N validation error(s) detected} text too. The documented rules the model does not carry are
 * checked against the new variants' instance counts, with texts of the fake's own (the service's
 * were not captured): exactly one of {@code BlueGreenUpdatePolicy} and {@code RollingUpdatePolicy};
 * a canary of at most 50 % of a variant's instances; a linear step of 10-50 %; a rolling batch of
 * 5-50 % (resolved as {@link BatchSizes} does). As for inference components, a size of one instance
 * is always accepted, and {@code FakeSageMaker.Builder.enforceBatchSizeRule(false)} turns the size
 * rules off.
 */
final class EndpointPolicies {

    static final String ONE_POLICY = "DeploymentConfig must contain exactly one of BlueGreenUpdatePolicy and"
            + " RollingUpdatePolicy.";

    private final Sim sim;
    private final SageMakerErrors errors;
    private final Predicate<String> alarmFiring;

    EndpointPolicies(Sim sim, SageMakerErrors errors, Predicate<String> alarmFiring) {
        this.sim = sim;
        this.errors = errors;
        this.alarmFiring = alarmFiring;
    }

    /**
     * Checks what the API model cannot say about {@code config} (null: nothing to check): a
     * {@code CANARY} routing needs its {@code CanarySize}, a {@code LINEAR} one its
     * {@code LinearStepSize}, and every rollback alarm a name. The shapes (ranges, enums, lengths,
     * required members) were checked against the model before the request got here.
     */
    void check(DeploymentConfig config) {
        if (config == null) {
            return;
        }
        ValidationReport v = new ValidationReport();
        BlueGreenUpdatePolicy blueGreen = config.blueGreenUpdatePolicy();
        TrafficRoutingConfig routing = blueGreen == null ? null : blueGreen.trafficRoutingConfiguration();
        if (routing != null) {
            String r = "deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration";
            if ("CANARY".equals(routing.typeAsString())) {
                v.notNull(routing.canarySize(), r + ".canarySize");
            }
            if ("LINEAR".equals(routing.typeAsString())) {
                v.notNull(routing.linearStepSize(), r + ".linearStepSize");
            }
        }
        if (config.autoRollbackConfiguration() != null && config.autoRollbackConfiguration().hasAlarms()) {
            List<Alarm> alarms = config.autoRollbackConfiguration().alarms();
            for (int i = 0; i < alarms.size(); i++) {
                v.notNull(alarms.get(i).alarmName(),
                        "deploymentConfig.autoRollbackConfiguration.alarms." + (i + 1) + ".member.alarmName");
            }
        }
        v.throwIfAny(errors);
    }

    /**
     * Rejects a DeploymentConfig with both policies or none (exactly one:
     * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DeploymentConfig.html">
     * DeploymentConfig</a>).
     */
    void requireOnePolicy(DeploymentConfig config) {
        if (config != null && (config.blueGreenUpdatePolicy() == null) == (config.rollingUpdatePolicy() == null)) {
            throw errors.validation(ONE_POLICY);
        }
    }

    /**
     * Resolves the deployment of {@code next} on {@code e}: rolling with a RollingUpdatePolicy, else
     * blue/green; all at once without baking when a variant on either side is serverless
     * (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails.html">deployment
     * guardrails</a> do not apply to serverless endpoints), and a rolling update of a multi-variant
     * endpoint (several production variants, or a shadow variant, on either side) falls back the same
     * way, as the
     * <a href="https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-exclusions.html">exclusions</a>
     * say.
     *
     * @param used the DeploymentConfig in force (given, or retained), or null
     * @throws software.amazon.awssdk.services.sagemaker.model.SageMakerException when a size rule is broken
     */
    EndpointDeployment deployment(LiveEndpoint e, EndpointConfigRecord next, Registry<ModelRecord> models,
            RetainedProperties retained, DeploymentConfig used) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        boolean serverless = e.active.anyServerless();
        for (ProductionVariant v : next.request().productionVariants()) {
            counts.put(Arns.lower(v.variantName()), retained.countOf(v));
            serverless |= v.serverlessConfig() != null;
        }
        for (ProductionVariant v : next.shadows()) {
            // a shadow variant's fleet comes up with the new configuration too
            counts.put(Arns.lower(v.variantName()), retained.countOf(v));
        }
        if (used != null && !serverless && sim.options().enforceBatchSizeRule()) {
            checkSizes(used, next);
            for (ProductionVariant v : next.request().productionVariants()) {
                checkSizes(used, v.variantName(), counts.get(Arns.lower(v.variantName())));
            }
        }
        boolean rolling = used != null && used.rollingUpdatePolicy() != null;
        // "If you're doing a rolling deployment, there are additional feature-based exclusions: serverless
        // inference endpoints, multi-variant inference endpoints", and an excluded endpoint "will fall back to
        // using a blue/green deployment with all at once traffic shifting and no final baking period"
        // (https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-exclusions.html). A shadow
        // is a second variant of the endpoint, so an endpoint with one falls back, as does one of several
        // production variants, before or after the update.
        boolean multiVariant = !next.shadows().isEmpty() || e.active.hasShadows()
                || next.request().productionVariants().size() > 1 || e.active.productionVariantCount() > 1;
        boolean allAtOnce = serverless || rolling && multiVariant;
        EndpointDeployment deployment = !allAtOnce && rolling
                ? new RollingDeployment(sim, e, next, models, counts, used, alarmFiring)
                : new BlueGreenDeployment(sim, e, next, models, counts, used, allAtOnce, alarmFiring);
        retained.applyTo(deployment.green, e.active);
        return deployment;
    }

    /** The percentage forms of the size rules, which do not depend on a variant. */
    private void checkSizes(DeploymentConfig config, EndpointConfigRecord next) {
        TrafficRoutingConfig routing = trafficRouting(config);
        if (routing == null) {
            return;
        }
        if ("CANARY".equals(routing.typeAsString()) && percent(routing.canarySize()) && routing.canarySize().value() > 50) {
            throw errors.validation("The CanarySize of " + routing.canarySize().value() + "% must be at most 50% of"
                    + " the instance count of each production variant of endpoint configuration " + next.name() + ".");
        }
        if ("LINEAR".equals(routing.typeAsString()) && percent(routing.linearStepSize())
                && (routing.linearStepSize().value() < 10 || routing.linearStepSize().value() > 50)) {
            throw errors.validation("The LinearStepSize of " + routing.linearStepSize().value() + "% must be between"
                    + " 10% and 50% of the instance count of each production variant of endpoint configuration "
                    + next.name() + ".");
        }
    }

    /** The instance-count forms of the size rules, for one variant of {@code count} instances. */
    private void checkSizes(DeploymentConfig config, String variant, int count) {
        String of = " of the instance count (" + count + ") of production variant " + variant + ".";
        TrafficRoutingConfig routing = trafficRouting(config);
        if (routing != null && "CANARY".equals(routing.typeAsString()) && instances(routing.canarySize())) {
            int canary = routing.canarySize().value();
            if (canary > 1 && canary * 2 > count) {
                throw errors.validation("The CanarySize of " + canary + " instances must be at most 50%" + of);
            }
        }
        if (routing != null && "LINEAR".equals(routing.typeAsString()) && instances(routing.linearStepSize())) {
            int step = routing.linearStepSize().value();
            if (!BatchSizes.within(step, count, 10, 50)) {
                throw errors.validation("The LinearStepSize of " + step + " instances must be between 10% and 50%" + of);
            }
        }
        RollingUpdatePolicy rolling = config.rollingUpdatePolicy();
        if (rolling != null && rolling.maximumBatchSize() != null) {
            int batch = BatchSizes.resolve(rolling.maximumBatchSize(), count);
            if (!BatchSizes.withinRule(batch, count)) {
                throw errors.validation("The MaximumBatchSize of " + batch + " instances must be between 5% and 50%" + of);
            }
        }
    }

    /** @return the blue/green policy's TrafficRoutingConfiguration, or null without one */
    private static TrafficRoutingConfig trafficRouting(DeploymentConfig config) {
        return config.blueGreenUpdatePolicy() == null ? null
                : config.blueGreenUpdatePolicy().trafficRoutingConfiguration();
    }

    private static boolean percent(CapacitySize size) {
        return size != null && size.type() == CapacitySizeType.CAPACITY_PERCENT && size.value() != null;
    }

    private static boolean instances(CapacitySize size) {
        return size != null && size.type() == CapacitySizeType.INSTANCE_COUNT && size.value() != null;
    }
}
