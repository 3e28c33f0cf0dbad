/**
 * Ballast's API: the DSL ({@code dev.ballast}, {@code dev.ballast.dsl}), the immutable specs, the
 * plans, events, outcomes and errors, and the SPI a transport implements.
 */
// The AWS SDK's jars are automatic modules (no module-info of their own): javac's lint would warn
// on each requires of one, but there is no other way to name them. "module": the target of the
// qualified export below is compiled after this module, so javac cannot find it yet.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic", "module"})
module dev.ballast.api {
    // SdkRequest and SdkResponse appear in the SPI (Transport) and in the plans (ApiCall).
    requires transitive software.amazon.awssdk.core;
    requires org.slf4j;
    // Immutables' annotations are read at compile time only (scope provided); transitive because
    // they stay on the exported spec classes (class retention), so a reader of this module may see them.
    requires static transitive org.immutables.value.annotations;

    exports dev.ballast;
    exports dev.ballast.dsl;
    exports dev.ballast.error;
    exports dev.ballast.event;
    exports dev.ballast.outcome;
    exports dev.ballast.plan;
    exports dev.ballast.spec;
    exports dev.ballast.spi;

    // Qualified: the impl module's LoggingTransport renders each request at TRACE as the plans do,
    // masked, with the same renderer (SdkJson); nothing else of api's internals leaves the module.
    exports dev.ballast.internal.json to dev.ballast.impl;
    // Qualified: the fake evaluates exactly the metric math subset the DSL's validation accepts.
    exports dev.ballast.internal.metricmath to dev.ballast.testkit;
}
