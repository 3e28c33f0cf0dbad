package dev.ballast.testkit.internal.endpoint;

import dev.ballast.testkit.internal.placement.Fleet;
import dev.ballast.testkit.internal.sim.Arns;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.VariantProperty;

/**
 * What {@code RetainAllVariantProperties} keeps of the live endpoint in an UpdateEndpoint
 * (<a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateEndpoint.html">
 * UpdateEndpoint</a>): the variants' live instance counts and weights (matched by variant name) and the live
 * data capture, except the properties listed in {@code ExcludeRetainedVariantProperties}, which come from the
 * new config like everything without the flag.
 *
 * @param counts live instance counts by lower-cased variant name
 * @param weights live weights by lower-cased variant name
 * @param dataCapture whether the live data capture is kept
 */
record RetainedProperties(Map<String, Integer> counts, Map<String, Float> weights, boolean dataCapture) {

    static RetainedProperties of(LiveEndpoint e, EndpointConfigRecord next, UpdateEndpointRequest request) {
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Float> weights = new HashMap<>();
        if (!Boolean.TRUE.equals(request.retainAllVariantProperties())) {
            return new RetainedProperties(counts, weights, false);
        }
        Set<String> excluded = request.hasExcludeRetainedVariantProperties()
                ? request.excludeRetainedVariantProperties().stream().map(VariantProperty::variantPropertyTypeAsString)
                        .collect(Collectors.toSet())
                : Set.of();
        for (ProductionVariant variant : next.request().productionVariants()) {
            Fleet live = e.fleet(variant.variantName());
            if (live == null) {
                continue;
            }
            if (!excluded.contains("DesiredInstanceCount") && !live.serverless() && variant.serverlessConfig() == null) {
                counts.put(Arns.lower(variant.variantName()), live.desiredInstanceCount());
            }
            if (!excluded.contains("DesiredWeight")) {
                weights.put(Arns.lower(variant.variantName()), e.active.weights.get(live));
            }
        }
        return new RetainedProperties(counts, weights, !excluded.contains("DataCaptureConfig"));
    }

    /** @return the instance count the new variant starts with: the retained one, else InitialInstanceCount */
    int countOf(ProductionVariant variant) {
        Integer kept = counts.get(Arns.lower(variant.variantName()));
        return kept != null ? kept : variant.initialInstanceCount() == null ? 1 : variant.initialInstanceCount();
    }

    /** Applies the retained weights and data capture to the new config's variant set. */
    void applyTo(VariantSet next, VariantSet live) {
        next.retainWeights(weights);
        if (dataCapture) {
            next.dataCapture = live.dataCapture;
        }
    }
}
