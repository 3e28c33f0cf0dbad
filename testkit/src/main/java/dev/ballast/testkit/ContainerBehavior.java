package dev.ballast.testkit;

/**
 * How a simulated container answers invocations. A test registers behaviours on
 * {@link FakeSageMaker#givenContainer(java.util.function.Predicate, ContainerBehavior)}; each copy
 * picks its behaviour from its {@link ContainerSpec} when it starts, so old and new copies of a
 * rolling update can answer differently.
 *
 * <p>The default behaviour plays the Hugging Face text-generation (TGI) container of the
 * reference notebook; see {@link FakeSageMaker}.
 */
@FunctionalInterface
public interface ContainerBehavior {

    /**
     * Answers one invocation.
     *
     * @param request the invocation
     * @param spec the copy's specification, environment values included
     * @return the container's answer
     */
    ContainerResponse respond(ContainerRequest request, ContainerSpec spec);

    /**
     * Answers one streamed invocation ({@code InvokeEndpointWithResponseStream}): the parts the
     * container writes and the simulated time each takes, possibly ending in a failure in the
     * middle of the stream. The default is {@link ContainerStream#whole(ContainerResponse)} of
     * {@link #respond(ContainerRequest, ContainerSpec)}: the whole answer as one part, taking the
     * answer's latency, and an error status refused up front (a {@code ModelError}, 424, as
     * unstreamed).
     *
     * @param request the invocation ({@link ContainerRequest#accept()} carries the request's
     *     {@code Accept})
     * @param spec the copy's specification, environment values included
     * @return the container's stream
     */
    default ContainerStream stream(ContainerRequest request, ContainerSpec spec) {
        return ContainerStream.whole(respond(request, spec));
    }

    /**
     * Whether the container passes its startup health check. A copy whose container never
     * passes fails once the startup health-check timeout has elapsed.
     *
     * @return {@code true} by default
     */
    default boolean passesHealthCheck() {
        return true;
    }

    /**
     * @param answer the behaviour to use once started (never reached)
     * @return a behaviour whose container never passes its startup health check
     */
    static ContainerBehavior neverHealthy(ContainerBehavior answer) {
        return new ContainerBehavior() {
            @Override
            public ContainerResponse respond(ContainerRequest request, ContainerSpec spec) {
                return answer.respond(request, spec);
            }

            @Override
            public ContainerStream stream(ContainerRequest request, ContainerSpec spec) {
                return answer.stream(request, spec);
            }

            @Override
            public boolean passesHealthCheck() {
                return false;
            }
        };
    }

    /** @return a container that never passes its startup health check */
    static ContainerBehavior neverHealthy() {
        return neverHealthy((request, spec) -> ContainerResponse.error(503, "not started"));
    }

    /**
     * @param response the answer to every invocation
     * @return a behaviour that always answers {@code response}
     */
    static ContainerBehavior always(ContainerResponse response) {
        return (request, spec) -> response;
    }
}
