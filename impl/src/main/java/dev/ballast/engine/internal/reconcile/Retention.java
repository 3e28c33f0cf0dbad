package dev.ballast.engine.internal.reconcile;

import dev.ballast.engine.internal.compile.VariantEndpointRequests;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.spec.VariantProperty;
import dev.ballast.spec.VariantSpec;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;

/**
 * Decides what an {@code UpdateEndpoint} keeps of the live variants when the spec does not say:
 * the instance counts when a variant is auto scaled (so the update does not undo auto scaling),
 * and the weights when a traffic shift moved them away from the running configuration's initial
 * weights while the spec's own weights did not change (so an update does not silently undo a
 * shift). The data capture configuration always comes from the spec.
 *
 * @param retention what the request says
 * @param note what the plan says about it, empty when nothing is kept
 */
record Retention(VariantEndpointRequests.Retention retention, String note) {

    static Retention decide(VariantEndpointSpec spec, DescribeEndpointResponse live, Optional<DescribeEndpointConfigResponse> running) {
        if (spec.retainVariantProperties().isPresent()) {
            return new Retention(new VariantEndpointRequests.Retention(spec.retainsVariantProperties(), spec.resolvedExcludedProperties()), "");
        }
        boolean counts = spec.variants().stream().anyMatch(v -> v.autoScaling().isPresent());
        Map<String, Double> liveWeights = liveWeights(live);
        boolean weights = running.map(config -> shifted(spec, config, liveWeights)).orElse(false);
        if (!counts && !weights) {
            return new Retention(new VariantEndpointRequests.Retention(false, Set.of()), "");
        }
        Set<VariantProperty> excluded = EnumSet.of(VariantProperty.DATA_CAPTURE_CONFIG);
        if (!counts) {
            excluded.add(VariantProperty.DESIRED_INSTANCE_COUNT);
        }
        if (!weights) {
            excluded.add(VariantProperty.DESIRED_WEIGHT);
        }
        String note = weights ? "; keeps the live weights " + liveWeights + " that a traffic shift set (resetVariantProperties() to take the spec's)"
                : "";
        return new Retention(new VariantEndpointRequests.Retention(true, excluded), note);
    }

    private static Map<String, Double> liveWeights(DescribeEndpointResponse live) {
        Map<String, Double> weights = new LinkedHashMap<>();
        if (live.hasProductionVariants()) {
            for (ProductionVariantSummary v : live.productionVariants()) {
                weights.put(v.variantName(), v.currentWeight() == null ? 0.0 : v.currentWeight().doubleValue());
            }
        }
        return weights;
    }

    /** Same variants, the spec's initial weights unchanged, the live weights moved away from them. */
    private static boolean shifted(VariantEndpointSpec spec, DescribeEndpointConfigResponse config, Map<String, Double> live) {
        Map<String, Double> initial = new LinkedHashMap<>();
        for (ProductionVariant v : config.productionVariants()) {
            initial.put(v.variantName(), v.initialVariantWeight() == null ? 1.0 : v.initialVariantWeight().doubleValue());
        }
        if (!initial.keySet().equals(live.keySet()) || spec.variants().size() != initial.size()) {
            return false;
        }
        for (VariantSpec v : spec.variants()) {
            Double was = initial.get(v.name());
            if (was == null || Math.abs(was - v.initialWeight()) > 1e-6) {
                return false;
            }
        }
        return initial.entrySet().stream().anyMatch(e -> Math.abs(e.getValue() - live.get(e.getKey())) > 1e-3);
    }
}
