package dev.ballast.testkit.internal.endpoint;

import java.time.Instant;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;

/**
 * An endpoint configuration: immutable, echoed by DescribeEndpointConfig.
 *
 * @param name the name as given
 * @param arn the ARN
 * @param request the create request (echoed)
 * @param creationTime when it was created
 */
public record EndpointConfigRecord(String name, String arn, CreateEndpointConfigRequest request, Instant creationTime) {

    /** @return whether this is an inference-component config (no variant names a model) */
    boolean inferenceComponentBased() {
        return request.productionVariants().stream().allMatch(v -> v.modelName() == null);
    }

    /** @return the shadow variants ({@code ShadowProductionVariants}), none when absent */
    public java.util.List<ProductionVariant> shadows() {
        return request.hasShadowProductionVariants() ? request.shadowProductionVariants() : java.util.List.of();
    }

    /** @return the production variants, then the shadow variants */
    java.util.List<ProductionVariant> allVariants() {
        java.util.List<ProductionVariant> all = new java.util.ArrayList<>(request.productionVariants());
        all.addAll(shadows());
        return all;
    }

    /** @return the variant of that name (case-insensitive), or null */
    ProductionVariant variant(String variantName) {
        return request.productionVariants().stream().filter(v -> v.variantName().equalsIgnoreCase(variantName))
                .findFirst().orElse(null);
    }
}
