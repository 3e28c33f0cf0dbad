package dev.ballast.spec;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A SageMaker real-time endpoint as an immutable, validated value: either kind that SageMaker
 * hosts, seen through what they have in common. {@link dev.ballast.Ballast} plans, applies,
 * attaches to and deletes either through this type; code that needs what only one kind has
 * switches over the two cases:
 *
 * <ul>
 *   <li>{@link ComponentEndpointSpec}: an endpoint of inference components, one production
 *       variant of one instance type that hosts components and their copies
 *       ({@code Endpoint.on("ml.g5.2xlarge")...});</li>
 *   <li>{@link VariantEndpointSpec}: an endpoint of model variants, each variant one model on
 *       its own instances (or serverless) with a weighted share of the traffic
 *       ({@code Endpoint.serving(variant, ...)...}).</li>
 * </ul>
 *
 * <pre>{@code
 * EndpointSpec spec = Endpoint.on("ml.g5.2xlarge").scale(1, 4).component(llm).named("rolling-demo");
 * if (spec instanceof ComponentEndpointSpec components) {
 *     List<String> names = components.components().stream().map(ComponentSpec::name).toList();
 * }
 * }</pre>
 *
 * <p>Every instance is valid: building one checks every rule and throws one
 * {@link dev.ballast.error.SpecValidationException} that lists all violations.
 */
public sealed interface EndpointSpec permits ComponentEndpointSpec, VariantEndpointSpec {

    /** @return the endpoint's name */
    String name();

    /** @return the VPC the instances run in, if any */
    Optional<Vpc> vpc();

    /** @return the KMS key that encrypts the instances' storage volumes, if any */
    Optional<String> kmsKeyId();

    /** @return tags put on the endpoint configuration and the endpoint */
    Map<String, String> tags();

    /**
     * The name of the endpoint configuration this spec needs: the endpoint's name and a short
     * hash of everything that goes into the configuration. An endpoint configuration is immutable
     * in SageMaker, so a changed configuration is a new version with a new name, and the same
     * configuration always gets the same name, which is what makes applying a spec twice a no-op.
     *
     * @return for example {@code rolling-demo-3f9a1c2e}
     */
    String endpointConfigName();

    /**
     * @return the CloudWatch names of every alarm the spec creates to roll its updates back, in
     *     the order the spec lists them; empty if it has none
     */
    Set<String> rollbackAlarmNames();
}
