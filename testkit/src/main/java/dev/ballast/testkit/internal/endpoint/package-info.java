/**
 * Models, endpoint configurations and endpoints: their operations, the variant sets an endpoint
 * serves from, their deployment stages, the blue/green and rolling deployments of UpdateEndpoint,
 * and the routes invocations of a model-based endpoint take.
 */
package dev.ballast.testkit.internal.endpoint;
