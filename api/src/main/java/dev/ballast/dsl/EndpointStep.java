package dev.ballast.dsl;

import java.util.List;

import dev.ballast.spec.EndpointSpec;

/**
 * What describing either kind of endpoint has in common: the settings of its endpoint
 * configuration that both kinds have, and the name that finishes the chain. Every method returns a
 * new step and leaves this one unchanged.
 *
 * @param <S> the step of the kind being described, so that a chain keeps its kind
 * @param <E> the spec that {@link #named(String)} builds
 */
public interface EndpointStep<S extends EndpointStep<S, E>, E extends EndpointSpec> {

    /** Runs the instances in a VPC: 1 to 16 subnets, 1 to 5 security groups. */
    S vpc(List<String> subnets, List<String> securityGroupIds);

    /** Sets the KMS key that encrypts the instances' storage volumes. */
    S kmsKey(String keyId);

    /** Adds a tag to the endpoint configuration and the endpoint. */
    S tag(String key, String value);

    /**
     * Names the endpoint and finishes the spec.
     *
     * @return the validated spec
     * @throws dev.ballast.error.SpecValidationException listing every rule the spec breaks
     */
    E named(String endpointName);
}
