package dev.ballast.aws;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;

import dev.ballast.aws.internal.EventStreams;
import dev.ballast.aws.internal.Route;
import dev.ballast.aws.internal.StreamingRuntime;
import dev.ballast.aws.internal.Routes;
import dev.ballast.plan.AwsService;
import dev.ballast.spi.StreamedResponse;
import dev.ballast.spi.Transport;

/**
 * Sends Ballast's requests through the AWS SDK clients the user configured: any region,
 * credentials provider, HTTP client and retry strategy.
 *
 * <pre>{@code
 * Transport aws = AwsTransport.builder()
 *         .sageMaker(SageMakerClient.create())
 *         .cloudWatch(CloudWatchClient.create())
 *         .build();
 * }</pre>
 *
 * <p>Each request type goes to one client method (a table, see {@link #supportedRequestTypes()}).
 * The transport adds nothing to the call: it does not retry beyond the client's own retry strategy,
 * and it throws failures exactly as the SDK throws them, as the {@link Transport} contract says;
 * the engine translates them.
 *
 * <p><b>Retries.</b> With {@code BallastEngine}, the engine is the one retry layer: it retries
 * reads and throttled calls, and it describes a resource before it would resend a create or an
 * update that may have taken effect. Give it clients that do not retry on their own
 * ({@code .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))}), as
 * {@link #create(Region, AwsCredentialsProvider)} does: an SDK client that resends a create after
 * a lost response gets "Cannot create already existing ..." back, which Ballast recognises, but
 * its retries would multiply with the engine's.
 *
 * <p>Clients given to the builder stay the caller's: {@link #close()} closes only the clients that
 * {@link #create(Region, AwsCredentialsProvider)} built.
 */
public final class AwsTransport implements Transport, AutoCloseable {

    /** Each client's service, and the builder method that supplies it (named when the client is missing). */
    private static final Map<Class<? extends SdkClient>, Slot> SLOTS = Map.of(
            SageMakerClient.class, new Slot(AwsService.SAGEMAKER, "sageMaker"),
            SageMakerRuntimeClient.class, new Slot(AwsService.SAGEMAKER_RUNTIME, "runtime"),
            CloudWatchClient.class, new Slot(AwsService.CLOUDWATCH, "cloudWatch"),
            ApplicationAutoScalingClient.class, new Slot(AwsService.APPLICATION_AUTO_SCALING, "autoScaling"));

    private record Slot(AwsService service, String builderMethod) {
    }

    /** The engine is the one retry layer; the clients this class builds do not retry on their own. */
    private static final java.util.function.Consumer<software.amazon.awssdk.core.client.config.ClientOverrideConfiguration.Builder> NO_RETRIES =
            c -> c.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry());

    private final Map<Class<? extends SdkClient>, SdkClient> clients;
    private final List<SdkClient> owned;
    private final StreamingRuntime streaming;

    private AwsTransport(Map<Class<? extends SdkClient>, SdkClient> clients, List<SdkClient> owned, StreamingRuntime streaming) {
        this.clients = Map.copyOf(clients);
        this.owned = List.copyOf(owned);
        this.streaming = streaming;
    }

    /** @return a builder that takes the user's own clients */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a transport over clients of all four services for one region and credentials
     * provider, with the SDK's default HTTP client and no retries of their own (the engine retries;
     * see the class documentation). Close the transport to close these clients.
     *
     * @param region the region of the endpoint, for example {@code Region.US_EAST_1}
     * @param credentials where the credentials come from, for example
     *     {@code DefaultCredentialsProvider.builder().build()}
     * @return a transport serving SageMaker, SageMaker Runtime, CloudWatch and Application Auto Scaling
     */
    public static AwsTransport create(Region region, AwsCredentialsProvider credentials) {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(credentials, "credentials");
        List<SdkClient> built = List.of(
                SageMakerClient.builder().region(region).credentialsProvider(credentials).overrideConfiguration(NO_RETRIES).build(),
                SageMakerRuntimeClient.builder().region(region).credentialsProvider(credentials).overrideConfiguration(NO_RETRIES).build(),
                CloudWatchClient.builder().region(region).credentialsProvider(credentials).overrideConfiguration(NO_RETRIES).build(),
                ApplicationAutoScalingClient.builder().region(region).credentialsProvider(credentials).overrideConfiguration(NO_RETRIES).build());
        Builder builder = builder()
                .sageMaker((SageMakerClient) built.get(0))
                .runtime((SageMakerRuntimeClient) built.get(1))
                .cloudWatch((CloudWatchClient) built.get(2))
                .autoScaling((ApplicationAutoScalingClient) built.get(3));
        return new AwsTransport(builder.clients, built, StreamingRuntime.built(() -> SageMakerRuntimeAsyncClient.builder()
                .region(region).credentialsProvider(credentials).overrideConfiguration(NO_RETRIES).build()));
    }

    /** @return every request type an AWS transport can send, whichever clients it was given */
    public static Set<Class<? extends SdkRequest>> supportedRequestTypes() {
        return Routes.all().keySet();
    }

    /**
     * Sends the request through the client of its service.
     *
     * @throws UnsupportedOperationException if the request type is not one Ballast sends
     * @throws IllegalStateException if the transport was built without the client of that service
     */
    @Override
    public SdkResponse execute(SdkRequest request) {
        Objects.requireNonNull(request, "request");
        Route<?, ?> route = Routes.forType(request.getClass()).orElseThrow(() -> new UnsupportedOperationException(
                "AwsTransport does not send " + request.getClass().getName() + "; it sends "
                        + supportedRequestTypes().size() + " request types, listed by AwsTransport.supportedRequestTypes()"));
        SdkClient client = clients.get(route.clientType());
        if (client == null) {
            throw new IllegalStateException("AwsTransport has no " + route.clientType().getSimpleName() + " for "
                    + request.getClass().getSimpleName() + ": pass one to AwsTransport.builder()."
                    + SLOTS.get(route.clientType()).builderMethod() + "(..)");
        }
        return route.invoke(client, request);
    }

    /**
     * Opens an {@code InvokeEndpointWithResponseStream} answer through the asynchronous runtime
     * client ({@link Builder#runtimeAsync}; {@link #create(Region, AwsCredentialsProvider)} builds
     * one on the first streamed call, with the SDK's default asynchronous HTTP client).
     *
     * @throws UnsupportedOperationException for any other request
     * @throws IllegalStateException if the transport was built without an asynchronous runtime client
     */
    @Override
    public CompletableFuture<StreamedResponse> executeStream(SdkRequest request) {
        Objects.requireNonNull(request, "request");
        if (!(request instanceof InvokeEndpointWithResponseStreamRequest invoke)) {
            throw new UnsupportedOperationException("AwsTransport streams only InvokeEndpointWithResponseStreamRequest, not "
                    + request.getClass().getName());
        }
        return EventStreams.open(streaming.client(), invoke);
    }

    /** Closes the clients this transport built itself; clients given to the builder are left open. */
    @Override
    public void close() {
        RuntimeException first = null;
        List<SdkClient> toClose = new java.util.ArrayList<>(owned);
        streaming.builtClient().ifPresent(toClose::add);
        for (SdkClient client : toClose) {
            try {
                client.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** @return the services this transport has a client for */
    public Set<AwsService> services() {
        Set<AwsService> services = EnumSet.noneOf(AwsService.class);
        clients.keySet().forEach(type -> services.add(SLOTS.get(type).service()));
        return Collections.unmodifiableSet(services);
    }

    /** Collects the user's clients; each is optional, and a call to a service without one fails clearly. */
    public static final class Builder {

        private final Map<Class<? extends SdkClient>, SdkClient> clients = new LinkedHashMap<>();
        private SageMakerRuntimeAsyncClient runtimeAsync;

        private Builder() {
        }

        /** @param client the SageMaker control-plane client: models, configurations, endpoints, inference components */
        public Builder sageMaker(SageMakerClient client) {
            return put(SageMakerClient.class, client);
        }

        /** @param client the SageMaker Runtime client, for {@code InvokeEndpoint} */
        public Builder runtime(SageMakerRuntimeClient client) {
            return put(SageMakerRuntimeClient.class, client);
        }

        /**
         * @param client the asynchronous SageMaker Runtime client, for
         *     {@code InvokeEndpointWithResponseStream} (the SDK streams answers on its asynchronous
         *     clients only); without one, a streamed invocation fails naming this method
         */
        public Builder runtimeAsync(SageMakerRuntimeAsyncClient client) {
            this.runtimeAsync = Objects.requireNonNull(client, "client");
            return this;
        }

        /** @param client the CloudWatch client, for the rollback alarms */
        public Builder cloudWatch(CloudWatchClient client) {
            return put(CloudWatchClient.class, client);
        }

        /** @param client the Application Auto Scaling client, for copy-count scaling */
        public Builder autoScaling(ApplicationAutoScalingClient client) {
            return put(ApplicationAutoScalingClient.class, client);
        }

        private Builder put(Class<? extends SdkClient> type, SdkClient client) {
            clients.put(type, Objects.requireNonNull(client, "client"));
            return this;
        }

        /** @return a transport over the clients given so far; the caller keeps owning them */
        public AwsTransport build() {
            return new AwsTransport(clients, List.of(), StreamingRuntime.given(runtimeAsync));
        }
    }
}
