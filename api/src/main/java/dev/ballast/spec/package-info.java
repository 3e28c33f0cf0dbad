/**
 * The immutable spec values the DSL produces: what a deployment should look like. Code that reads
 * configuration can build them directly with their builders ({@code ComponentEndpointSpec.builder()}); an
 * {@link dev.ballast.spec.EndpointSpec} of either kind — a {@link dev.ballast.spec.ComponentEndpointSpec}
 * (an endpoint of inference components) or a {@link dev.ballast.spec.VariantEndpointSpec} (an
 * endpoint of model variants) — and a
 * {@link dev.ballast.spec.TrafficShiftSpec} validate themselves as a whole when they are built and
 * report every violation at once.
 */
@BallastStyle
package dev.ballast.spec;

import dev.ballast.annotation.BallastStyle;
