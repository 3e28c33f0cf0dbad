/**
 * Ballast's implementation: the engine ({@code dev.ballast.engine}), the transport to AWS
 * ({@code dev.ballast.aws}) and the transport decorators ({@code dev.ballast.transport}).
 * Everything under an {@code internal} package stays inside this module.
 */
// The AWS SDK's and Resilience4j's jars are automatic modules (no module-info of their own):
// javac's lint would warn on each requires of one, but there is no other way to name them.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.ballast.impl {
    // BallastEngine implements Ballast; specs, plans, outcomes and the SPI are in its signatures.
    requires transitive dev.ballast.api;
    // AwsTransport takes the user's clients of these four services, and their Region and credentials.
    requires transitive software.amazon.awssdk.services.sagemaker;
    requires transitive software.amazon.awssdk.services.sagemakerruntime;
    requires transitive software.amazon.awssdk.services.cloudwatch;
    requires transitive software.amazon.awssdk.services.applicationautoscaling;
    requires transitive software.amazon.awssdk.regions;
    requires transitive software.amazon.awssdk.auth;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.utils;
    requires io.github.resilience4j.retry;
    requires io.github.resilience4j.core;
    requires org.slf4j;
    // the streamed invocation: the SDK's event publisher (Reactive Streams) handed over as a
    // java.util.concurrent.Flow.Publisher, and server-sent-event chunks read as JSON
    requires org.reactivestreams;
    requires software.amazon.awssdk.protocols.jsoncore;

    exports dev.ballast.aws;
    exports dev.ballast.engine;
    exports dev.ballast.transport;
}
