package dev.ballast.dsl;

import dev.ballast.BlueGreen;
import dev.ballast.DataCapture;
import dev.ballast.InstanceType;
import dev.ballast.RollingUpdate;
import dev.ballast.Variant;
import dev.ballast.spec.ModelEndpointSpec;
import dev.ballast.spec.VariantProperty;
import java.util.List;

/**
 * An endpoint of model-based production variants being described, before it is named. Every method
 * returns a new step and leaves this one unchanged; finish the chain with {@link #named(String)}.
 */
public interface ModelEndpointStep {

    /** Adds a production variant (at most 10 in all). */
    ModelEndpointStep variant(Variant variant);

    /** Captures a sample of the requests and answers to S3. */
    ModelEndpointStep dataCapture(DataCapture capture);

    /** Runs the instances in a VPC: 1 to 16 subnets, 1 to 5 security groups. */
    ModelEndpointStep vpc(List<String> subnets, List<String> securityGroupIds);

    /** Sets the KMS key that encrypts the instances' storage volumes. */
    ModelEndpointStep kmsKey(String keyId);

    /** Adds a tag to the endpoint configuration and the endpoint. */
    ModelEndpointStep tag(String key, String value);

    /** Updates the endpoint blue/green (the default, all at once without baking, when no policy is given). */
    ModelEndpointStep update(BlueGreen policy);

    /**
     * Updates the endpoint in rolling batches of instances: fewer extra instances than blue/green.
     * {@code RollingUpdate.batch(n)} counts instances here.
     */
    ModelEndpointStep update(RollingUpdate policy);

    /**
     * Makes updates keep the variants' live instance counts and weights ({@code RetainAllVariantProperties}),
     * except the properties listed, which come from the new configuration. Without this call an
     * update keeps them only when a variant is auto scaled (and then takes the weights from the new
     * configuration).
     */
    ModelEndpointStep retainVariantProperties(VariantProperty... except);

    /** Makes updates reset every variant's instance count and weight to the new configuration's. */
    ModelEndpointStep resetVariantProperties();

    /** Makes updates reuse the endpoint's stored deployment policy ({@code RetainDeploymentConfig}). */
    ModelEndpointStep retainDeploymentConfig();

    /**
     * Tells validation the most instances of a type the account may run (its service quota), so that
     * an update whose peak does not fit fails before any call: a blue/green update needs a full second fleet.
     */
    ModelEndpointStep instanceLimit(InstanceType type, int maxInstances);

    /**
     * Names the endpoint and finishes the spec.
     *
     * @return the validated spec
     * @throws dev.ballast.error.SpecValidationException listing every rule the spec breaks
     */
    ModelEndpointSpec named(String endpointName);
}
