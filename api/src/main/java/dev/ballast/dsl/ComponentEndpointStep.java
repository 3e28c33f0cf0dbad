package dev.ballast.dsl;

import java.time.Duration;

import dev.ballast.Component;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.RoutingStrategy;

/**
 * An endpoint of inference components being described, before it is named. Every method returns a new step and leaves
 * this one unchanged, so steps can be shared; do not keep them in fields, they are a typing
 * device: finish the chain with {@link #named(String)}.
 *
 * <p>Single values that can never be right fail at the call that gives them; everything else is
 * checked together when the endpoint is named.
 */
public interface ComponentEndpointStep extends EndpointStep<ComponentEndpointStep, ComponentEndpointSpec> {

    /**
     * Enables SageMaker managed instance scaling: instances are added (up to {@code max}) when the
     * copies do not fit and idle ones released (down to {@code min}).
     *
     * @throws dev.ballast.error.SpecValidationException at once if {@code min > max}, {@code min < 0} or {@code max < 1}
     */
    ComponentEndpointStep scale(int min, int max);

    /** Sets the initial instance count ({@code InitialInstanceCount}); the scaling minimum (at least 1) by default. */
    ComponentEndpointStep instances(int initialCount);

    /** Sets how requests are spread over the copies ({@code RoutingConfig}). */
    ComponentEndpointStep routing(RoutingStrategy strategy);

    /** Sets the variant's model download timeout (60 to 3600 s). */
    ComponentEndpointStep modelDataDownloadTimeout(Duration timeout);

    /** Sets the variant's container start-up health-check timeout (60 to 3600 s). */
    ComponentEndpointStep containerStartupHealthCheckTimeout(Duration timeout);

    /** Sets the IAM role SageMaker assumes (required when the endpoint hosts components). */
    ComponentEndpointStep executionRole(String roleArn);




    /** Names the production variant; {@code AllTraffic} by default. */
    ComponentEndpointStep variant(String variantName);

    /**
     * Adds an inference component. A {@link ComponentStep#rollingUpdate rollingUpdate(..)} that
     * follows right after belongs to this component.
     */
    ComponentStep component(Component component);

}
