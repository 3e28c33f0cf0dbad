/**
 * The immutable spec values the DSL produces: what a deployment should look like. Code that reads
 * configuration can build them directly with their builders ({@code EndpointSpec.builder()}); an
 * {@link dev.ballast.spec.EndpointSpec} (inference components), a
 * {@link dev.ballast.spec.ModelEndpointSpec} (model-based variants) and a
 * {@link dev.ballast.spec.TrafficShiftSpec} validate themselves as a whole when they are built and
 * report every violation at once.
 */
@BallastStyle
package dev.ballast.spec;

import dev.ballast.annotation.BallastStyle;
