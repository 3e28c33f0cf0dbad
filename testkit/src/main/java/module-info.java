/**
 * The Ballast testkit: an in-memory fake of SageMaker hosting on a virtual clock
 * ({@code dev.ballast.testkit}), served over HTTP ({@code dev.ballast.testkit.http}), with a JUnit 5
 * extension ({@code dev.ballast.testkit.junit}) and AssertJ assertions
 * ({@code dev.ballast.testkit.assertions}). The fake's internals stay inside this module.
 *
 * <p>{@code BallastExtension} sets the {@code FakeSageMaker} and {@code Ballast} fields of a test
 * class reflectively: a test class in a named module opens its package to this module.
 */
// The AWS SDK's jars are automatic modules (no module-info of their own): javac's lint would warn
// on each requires of one, but there is no other way to name them.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.ballast.testkit {
    // The fake is a Transport (api's SPI), and tests run the engine on it.
    requires transitive dev.ballast.api;
    requires transitive dev.ballast.impl;
    // The fake hands out SDK clients of these services (sageMakerClient(), cloudWatchClient(), ...).
    requires transitive software.amazon.awssdk.services.sagemaker;
    requires transitive software.amazon.awssdk.services.sagemakerruntime;
    requires transitive software.amazon.awssdk.services.cloudwatch;
    requires transitive software.amazon.awssdk.services.applicationautoscaling;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.utils;
    // The async runtime client's event publisher (runtimeAsyncClient()) adapts a Flow.Publisher.
    requires org.reactivestreams;
    // The HTTP front frames InvokeEndpointWithResponseStream's answer with the AWS event-stream codec.
    requires software.amazon.eventstream;
    // BallastExtension is a JUnit Jupiter extension; @BallastTest carries @ExtendWith.
    requires transitive org.junit.jupiter.api;
    // The assertions extend AssertJ's; AssertJ is an optional dependency, there for whoever uses them.
    requires static transitive org.assertj.core;
    // The HTTP front (FakeServer) runs on the JDK's HTTP server.
    requires jdk.httpserver;
    requires org.slf4j;
    // The HTTP front's and the constraint tables' JSON, as trees only (no data binding to classes of
    // this module, so nothing is opened to Jackson). Compile-time only: the testkit jar carries Jackson
    // shaded, so it does not land on users' class paths.
    requires static com.fasterxml.jackson.databind;
    // CloudWatch's Smithy RPC v2 CBOR bodies, through Jackson's CBOR data format: shaded the same way.
    requires static com.fasterxml.jackson.dataformat.cbor;

    exports dev.ballast.testkit;
    exports dev.ballast.testkit.assertions;
    exports dev.ballast.testkit.http;
    exports dev.ballast.testkit.junit;
}
