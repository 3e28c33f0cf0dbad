package dev.ballast.dsl;

import dev.ballast.BlueGreen;
import dev.ballast.DataCapture;
import dev.ballast.InstanceType;
import dev.ballast.RollingUpdate;
import dev.ballast.Variant;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.spec.VariantProperty;

/**
 * An endpoint of model variants being described, before it is named. Every method
 * returns a new step and leaves this one unchanged; finish the chain with {@link #named(String)}.
 */
public interface VariantEndpointStep extends EndpointStep<VariantEndpointStep, VariantEndpointSpec> {

    /** Adds a production variant (at most 10 in all). */
    VariantEndpointStep variant(Variant variant);

    /**
     * Adds a shadow variant ({@code ShadowProductionVariants}): it receives a copy of a sampled
     * share of production's requests, and its answers go nowhere but its own metrics and data
     * capture. The share copied is the shadow's weight over the production variant's: with
     * production at the default weight 1, {@code weight(0.5)} copies half of the requests and
     * {@code weight(1)} all of them. At most one shadow, beside exactly one production variant.
     *
     * <pre>{@code
     * Endpoint.serving(Variant.named("AllTraffic").model(v1).on("ml.m5.xlarge"))
     *     .shadow(Variant.named("v2-shadow").model(v2).on("ml.m5.xlarge").weight(0.5))
     *     .named("my-model-endpoint");
     * }</pre>
     *
     * Promote it, once its metrics compare well, with {@link dev.ballast.Ballast#promoteShadow}.
     */
    VariantEndpointStep shadow(Variant shadow);

    /** Captures a sample of the requests and answers to S3. */
    VariantEndpointStep dataCapture(DataCapture capture);




    /** Updates the endpoint blue/green (the default, all at once without baking, when no policy is given). */
    VariantEndpointStep update(BlueGreen policy);

    /**
     * Updates the endpoint in rolling batches of instances: fewer extra instances than blue/green.
     * {@code RollingUpdate.batch(n)} counts instances here.
     */
    VariantEndpointStep update(RollingUpdate policy);

    /**
     * Makes updates keep the variants' live instance counts and weights ({@code RetainAllVariantProperties}),
     * except the properties listed, which come from the new configuration. Without this call an
     * update keeps them only when a variant is auto scaled (and then takes the weights from the new
     * configuration).
     */
    VariantEndpointStep retainVariantProperties(VariantProperty... except);

    /** Makes updates reset every variant's instance count and weight to the new configuration's. */
    VariantEndpointStep resetVariantProperties();

    /** Makes updates reuse the endpoint's stored deployment policy ({@code RetainDeploymentConfig}). */
    VariantEndpointStep retainDeploymentConfig();

    /**
     * Tells validation the most instances of a type the account may run (its service quota), so that
     * an update whose peak does not fit fails before any call: a blue/green update needs a full second fleet.
     */
    VariantEndpointStep instanceLimit(InstanceType type, int maxInstances);

}
