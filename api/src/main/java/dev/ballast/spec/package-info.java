/**
 * The immutable spec values the DSL produces: what a deployment should look like. Code that reads
 * configuration can build them directly with their builders ({@code EndpointSpec.builder()}); an
 * {@link dev.ballast.spec.EndpointSpec} validates itself as a whole when it is built and reports
 * every violation at once.
 */
@BallastStyle
package dev.ballast.spec;

import dev.ballast.annotation.BallastStyle;
