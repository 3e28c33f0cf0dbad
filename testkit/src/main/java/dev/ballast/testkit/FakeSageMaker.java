package dev.ballast.testkit;

import dev.ballast.InstanceShape;
import dev.ballast.engine.BallastEngine;
import dev.ballast.spi.StreamedResponse;
import dev.ballast.spi.Transport;
import dev.ballast.testkit.internal.sim.WorldOptions;
import dev.ballast.testkit.internal.world.World;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/**
 * An in-memory, faithful fake of SageMaker real-time hosting (one account and region) on a
 * {@link VirtualClock}: models, endpoint configs, endpoints with instances (and serverless
 * variants), inference components with copies, inference-component rolling updates and rollbacks,
 * endpoint deployments through {@code UpdateEndpoint} (blue/green all at once, canary or linear,
 * and rolling, with their bakes, rollback alarms, rollbacks and {@code UpdateRollbackFailed}),
 * the variants' deployment stages ({@code VariantStatus}), {@code UpdateEndpointWeightsAndCapacities},
 * data capture, the resources' tags ({@code AddTags}, {@code ListTags}, {@code DeleteTags}), the
 * List operations, CloudWatch metric alarms, metrics and their statistics over the simulated metrics
 * and those a test publishes ({@code PutMetricData}), Application Auto Scaling targets and policies,
 * and SageMaker Runtime invocations.
 *
 * <p>Reach it as a {@link Transport} ({@link #execute(SdkRequest)}, {@link #executeStream(SdkRequest)})
 * or through plain AWS SDK clients ({@link #sageMakerClient()}, {@link #runtimeClient()},
 * {@link #runtimeAsyncClient()}, {@link #cloudWatchClient()}, {@link #autoScalingClient()}); all
 * share the same world. Operations the fake does not serve
 * throw {@link UnsupportedOperationException}. Nothing happens on the wall clock: resources move when the clock does
 * ({@link VirtualClock#advance(Duration)} or the engine's waits through {@link #clock()}).
 * Safe for concurrent use: every call holds one world lock.
 *
 * <p>Script the world with the {@code given...} methods, then assert on {@link #timeline()} and
 * {@link #capturedData(String)}.
 * The default container plays the text-generation (TGI) container of the reference notebook: with
 * {@code MESSAGES_API_ENABLED=true} it answers {@code {"messages":[...]}} with a chat completion
 * ({@code choices[0].message.content}; models whose {@code HF_MODEL_ID} contains
 * {@code DeepSeek-R1} show their thinking in {@code <think>} tags); without it such a payload is
 * a 422 from the container, reported as a {@code ModelError} (424). With {@code "stream": true}
 * (chat or {@code {"inputs": ...}}) it streams server-sent events as TGI does (see
 * {@link #executeStream(SdkRequest)}).
 *
 * <h2>Choices where SageMaker does not document the behaviour</h2>
 * <ul>
 *   <li>After a rollback (of a component or an endpoint) the resource is {@code InService} with its
 *       old specification or config, {@code LastDeploymentConfig} is the attempted config and
 *       {@code FailureReason} is null ({@link Builder#rollbackFailureReason(String)} changes that;
 *       it is also the {@code FailureReason} of an endpoint whose rollback failed).</li>
 *   <li>{@code DescribeInferenceComponent} shows the old specification until an update succeeds.</li>
 *   <li>A specification update without {@code DeploymentConfig} replaces every copy in one batch
 *       without baking; {@code LastDeploymentConfig} is left unchanged.</li>
 *   <li>Copies that cannot be placed wait {@link FakeTimings#placementTimeout()}: creation then
 *       turns {@code Failed} with a {@code FailureReason} naming the capacity shortage, an update
 *       rolls back, a scale-out settles at what was placed.</li>
 *   <li>{@code CAPACITY_PERCENT} batches are {@code max(1, floor(count * value / 100))} of the
 *       copies (instances); the 5-50 % rule of rolling batches, the 50 % canary limit and the
 *       10-50 % linear step accept a size of one ({@link Builder#enforceBatchSizeRule(boolean)}
 *       turns them off); their error texts are the fake's own.</li>
 *   <li>{@code DeleteEndpoint} is refused while inference components exist; update and deletion
 *       of a component are refused while it is {@code Creating} (updates also while
 *       {@code Updating}/{@code Deleting}); these texts are the fake's own.</li>
 *   <li>Alarms named in {@code AutoRollbackConfiguration} are checked during baking only; an
 *       alarm that does not exist never fires. {@code DeleteAlarms} ignores unknown names.</li>
 *   <li>Managed instance scaling releases an instance only once it is empty and idle for
 *       {@link FakeTimings#idleInstanceRelease()} (no consolidation), never below the minimum,
 *       and never an initial instance that has not hosted a copy.</li>
 *   <li>Copies are placed by the hardware of {@link dev.ballast.InstanceType#shape()}, the api's
 *       table, which has every instance type of SageMaker's enum; a type outside that enum is
 *       refused by the request checks, as SageMaker refuses it.
 *       SageMaker keeps {@link Builder#reservedHostMemoryMiB(int)} of host memory per instance.</li>
 *   <li>A state set by {@code SetAlarmState} holds until a datapoint newer than the call arrives
 *       for the alarm's metric; then evaluation takes over again.</li>
 *   <li>Invocations take no simulated time; their latency is only reported in metrics. Streamed
 *       invocations ({@link #executeStream(SdkRequest)}) take the time of their parts (for the
 *       default container {@link FakeTimings#timeToFirstToken()} and {@link FakeTimings#timePerToken()}),
 *       which a reader's demand moves the clock through; they count in the invocation metrics, with
 *       the whole stream as {@code ModelLatency} and a failure in the middle as a 5XX error, and in
 *       data capture when they end normally (the documentation is silent on all three).</li>
 *   <li>Models of several containers ({@code Containers} with {@code InferenceExecutionConfig}). What the
 *       AWS documentation says: up to 15 containers, {@code Containers} instead of {@code PrimaryContainer},
 *       {@code ContainerHostname} required on each container with direct invocation, {@code Serial} the
 *       default mode (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/multi-container-create.html">
 *       creating a multi-container endpoint</a>); in a pipeline the first container takes the request, each
 *       answer goes to the next container as its request and the last answer is returned
 *       (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/inference-pipelines.html">inference
 *       pipelines</a>); with direct invocation only the container named by {@code TargetContainerHostname}
 *       runs, and a missing or unknown hostname, or one sent to an endpoint not configured for direct
 *       invocation, is a validation error
 *       (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/multi-container-direct.html">direct
 *       invocation</a>); per-container metrics carry the dimensions {@code EndpointName, VariantName,
 *       ContainerName} (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/multi-container-metrics.html">
 *       multi-container metrics</a>). The fake's choices where it is silent: every copy runs one
 *       {@link ContainerBehavior} per container, chosen by its {@link ContainerSpec} (with
 *       {@link ContainerSpec#containerHostname()}); a pipeline that names no hostname gets
 *       {@code container-1}, {@code container-2}, ... by position; the client's {@code Accept} reaches only
 *       the last container of a pipeline (the others get none, as pipelines' intermediate containers use
 *       their default); the first container error ends a pipeline as a {@code ModelError} naming that
 *       container ({@code Received server error (500) from <hostname> ...}, where a single container is
 *       {@code primary}); the model's latency ({@code ModelLatency}) is the sum of the containers' latencies;
 *       every container that runs reports {@code ContainerLatency}, and with direct invocation the target
 *       container also {@code Invocations} and its 4XX/5XX errors; a streamed invocation streams from the
 *       target container, or from the last container of a pipeline once the others answered. The validation
 *       texts (both {@code PrimaryContainer} and {@code Containers}; a missing, partial or duplicate
 *       {@code ContainerHostname}; the three {@code TargetContainerHostname} errors) are the fake's own: the
 *       service's are not documented. A copy passes its startup health check when all its containers do.</li>
 *   <li>Endpoint deployments: every stage of new capacity is {@code Creating} (instances and
 *       containers), {@code ActivatingTraffic} ({@link FakeTimings#trafficActivation()}), then
 *       {@code Baking}; a blue/green deployment ends with a bake of {@code TerminationWaitInSeconds}
 *       (alarms still watched, blue still up); then blue is terminated ({@code Deleting} on the
 *       serving variants) while green takes all traffic, the endpoint still {@code Updating} on its
 *       old config name with a {@code PendingDeploymentSummary}, and green becomes the endpoint's
 *       config when blue is gone. Canary and linear sizes apply per variant ({@code INSTANCE_COUNT}:
 *       that many of the variant's green instances); an invocation picks the variant by the
 *       serving weights, then blue or green by that variant's share; a variant only in the new
 *       config takes its new weight times its share, and {@code TargetVariant} reaches a variant of
 *       either config. During a rolling deployment the variants of both configs take traffic (the
 *       serving config's weight where the variant is there, else the new one's) once their
 *       instances' traffic is activated. The instance quota of an {@code UpdateEndpoint} counts
 *       the whole green fleet (blue/green, and a rolling update of a multi-variant endpoint, which runs
 *       blue/green) or one batch (rolling), summed per instance type. A rolling deployment matches variants by name and fails
 *       its rollback (→ {@code UpdateRollbackFailed}, serving the mix that runs) when old capacity
 *       does not come back within {@link FakeTimings#instanceProvisioningTimeout()} or its
 *       containers fail their health check; an endpoint in {@code UpdateRollbackFailed} can be
 *       deleted, other mutations are refused as in progress. Stage messages follow the developer
 *       guide's examples (its baking example names {@code TerminationWaitInSeconds}; the fake
 *       names the wait it is in).</li>
 *   <li>{@code RetainAllVariantProperties} keeps the live instance counts, weights and data
 *       capture unless excluded; a variant registered with Application Auto Scaling cannot change
 *       its instance type (the error text is the fake's own). Serverless variants have no
 *       instance counts; deployments involving them run all at once without baking, and so does a
 *       rolling update of a multi-variant endpoint (several production variants, or a shadow variant, on
 *       either side), which
 *       <a href="https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-exclusions.html">the
 *       exclusions</a> take out of rolling deployments: blue/green, all at once, no final bake.</li>
 *   <li>Data capture records only invocations the container answered successfully, keeps the
 *       newest 10,000 records per endpoint, and samples with the world's seeded random.</li>
 *   <li>{@code UpdateEndpoint} on an endpoint that hosts inference components applies the new
 *       config in place (same variants and instance types) and is not simulated between
 *       component and model endpoints ({@link UnsupportedOperationException}).</li>
 *   <li>Tags: the {@code Tags} of the four creates and {@code AddTags}/{@code DeleteTags} keep one
 *       set per resource ARN, in the order keys were first added; {@code AddTags} answers all of
 *       them and is refused as a whole (ValidationException, the fake's own text) when the
 *       resource would carry more than 50; {@code DeleteTags} ignores keys the resource does not
 *       have; {@code ListTags} pages 50 by default. The ARN must be exactly the one SageMaker
 *       returns (lower-cased name); any other, also one of a type the fake does not model (a
 *       training job), is {@code Resource does not exist.}. An endpoint's tags stay while it is
 *       {@code Deleting}.</li>
 *   <li>Scale to zero of inference components. Documented
 *       (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-zero-instances.html">Scale
 *       an endpoint to zero instances</a>, AWS's re:Invent 2024 post "Unlock cost savings with the new scale down to
 *       zero feature in SageMaker Inference"): {@code MinInstanceCount 0} on an endpoint that hosts components,
 *       {@code MinCapacity 0} on a component, an invocation with no copy fails with {@code ValidationError}
 *       "Inference Component has no capacity to process this request. ..." and emits
 *       {@code NoCapacityInvocationFailures}, whose alarm sets off a step policy. The fake's choices: the
 *       metric counts 1 per failed invocation under {@code InferenceComponentName} only; a component still
 *       {@code Creating} answers {@code ModelNotReadyException} instead; {@code MinInstanceCount 0} is refused
 *       in {@code eu-west-3} only (measured there); alarms with periods under a minute are evaluated every
 *       10 s; an idle component with predefined-metric target tracking reports 0 per copy each minute so
 *       that it scales in, to 0 copies, after about 15 minutes.</li>
 *   <li>Adapter inference components ({@code Specification.BaseInferenceComponentName} and the
 *       adapter's {@code Container.ArtifactUrl}). Documented
 *       (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/realtime-endpoints-adapt.html">developer
 *       guide</a>, <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_InferenceComponentSpecification.html">
 *       InferenceComponentSpecification</a>): the base must exist, the adapter uses the base's compute
 *       (so {@code ComputeResourceRequirements} is omitted, and refused here) and is invoked by its own
 *       {@code InferenceComponentName}. The fake's choices where the documentation is silent: the base
 *       must be {@code InService}, on the same endpoint, and not an adapter itself; {@code RuntimeConfig},
 *       {@code ModelName}, {@code Container.Image}, {@code StartupParameters} and a {@code DeploymentConfig}
 *       are refused for an adapter; loading the artifact takes {@link FakeTimings#modelDownload()}
 *       ({@code Creating}, then {@code InService}); Describe shows no {@code RuntimeConfig} for an adapter;
 *       an invocation of the adapter runs on a serving copy of the base (the container behaviour sees
 *       the base's {@link ContainerSpec} with the adapter's name and {@code ArtifactUrl} in
 *       {@link ContainerSpec#adapter()}) and counts under the adapter's {@code InferenceComponentName};
 *       {@code UpdateInferenceComponent} of an adapter loads a new {@code ArtifactUrl} in place
 *       ({@code Updating}, the old artifact serving meanwhile) but cannot change its base; a base's own
 *       update or scaling leaves its adapters attached (they serve on whatever base copies serve);
 *       deleting a base while adapters exist is a ValidationException whose text ("... because it is a
 *       base inference component for one or more associated adapter inference components: ...") is
 *       the fake's, as SageMaker's full text is not published.</li>
 *   <li>Application Auto Scaling of a serverless variant's provisioned concurrency
 *       ({@code sagemaker:variant:DesiredProvisionedConcurrency},
 *       <a href="https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints-autoscale.html">developer
 *       guide</a>): registering needs a serverless variant that has {@code ProvisionedConcurrency} on an
 *       {@code InService} endpoint and a {@code MinCapacity} of at least 1; target tracking on
 *       {@code SageMakerVariantProvisionedConcurrencyUtilization} (refused on other dimensions, and other
 *       predefined metrics refused on this one) alarms on {@code ServerlessProvisionedConcurrencyUtilization}
 *       (Average); target tracking and step scaling change the variant's provisioned concurrency as an
 *       {@code UpdateEndpointWeightsAndCapacities} with a {@code ServerlessUpdateConfig} does (visible in
 *       {@code DescribeEndpoint}'s {@code CurrentServerlessConfig}/{@code DesiredServerlessConfig}), never above
 *       its {@code MaxConcurrency}. Invocations of a serverless variant emit
 *       {@code ServerlessConcurrentExecutionsUtilization} and, with provisioned concurrency, the
 *       {@code ServerlessProvisionedConcurrency*} metrics; the fake counts an invocation's concurrency as
 *       the variant's invocations whose model latency overlaps its report time.</li>
 * </ul>
 */
public final class FakeSageMaker implements Transport, AutoCloseable {

    private final VirtualClock clock;
    private final FakeTimings timings;
    private final String region;
    private final String accountId;
    private final World world;

    private FakeSageMaker(Builder b) {
        this.clock = new VirtualClock(b.clockStart);
        this.timings = b.timings;
        this.region = b.region;
        this.accountId = b.accountId;
        this.world = new World(new WorldOptions(b.region, b.accountId, b.timings, b.clockStart, b.seed, b.unknownShape,
                b.reservedHostMemoryMiB, b.rollbackFailureReason, b.enforceBatchSizeRule, b.captureStreamedInvocations,
                b.sampleShadowsAtRandom),
                clock);
    }

    /** @return a world with every default (us-east-1, account 123456789012, default timings) */
    public static FakeSageMaker create() {
        return builder().build();
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Executes an SDK request of SageMaker, SageMaker Runtime, CloudWatch or Application Auto
     * Scaling against the world.
     *
     * @throws UnsupportedOperationException for operations the fake does not serve
     */
    @Override
    public SdkResponse execute(SdkRequest request) {
        return world.execute(Objects.requireNonNull(request, "request"));
    }

    /**
     * Executes SageMaker Runtime's {@code InvokeEndpointWithResponseStreamRequest} against the
     * world: the same checks and routing as {@code InvokeEndpoint} (inference components and
     * variants), then the copy's container streams
     * ({@link ContainerBehavior#stream(ContainerRequest, ContainerSpec)}).
     *
     * <pre>{@code
     * StreamedResponse stream = fake.executeStream(InvokeEndpointWithResponseStreamRequest.builder()
     *         .endpointName("ep").inferenceComponentName("llm").contentType("application/json")
     *         .body(SdkBytes.fromUtf8String("{\"messages\":[...],\"stream\":true}")).build()).join();
     * stream.events().subscribe(subscriber); // PayloadParts, then onComplete or onError
     * }</pre>
     *
     * <p>The returned stage is already complete: with the stream, or failed with the SDK's
     * exception for an error answered before the stream opens ({@code ValidationError},
     * {@code ModelError} 424 for a container that refuses the request, {@code ModelNotReadyException}).
     * The events are the SDK's {@code PayloadPart}s, one per part the container writes; a failure
     * in the middle of the stream reaches the subscriber's {@code onError} as a
     * {@code ModelStreamErrorException} or {@code InternalStreamFailureException}. Parts are
     * delivered on the subscriber's demand, on its thread, and each delivery moves {@link #clock()}
     * to the part's simulated time if it lies ahead (as an engine's wait would), so reading a
     * stream never waits for a clock nobody moves and the generation time shows on the clock.
     * The invocation's metrics and data capture are recorded when the container's answer ends on
     * the clock (see {@link Builder#captureStreamedInvocations(boolean)}).
     *
     * <h4>What the AWS documentation says, and the fake's choices where it is silent</h4>
     * <ul>
     *   <li>The operation is authorised as {@code sagemaker:InvokeEndpoint}
     *       (<a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpointWithResponseStream.html">
     *       InvokeEndpointWithResponseStream</a>), and the invocation metrics of
     *       <a href="https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html">SageMaker
     *       metrics in CloudWatch</a> are described as counting "InvokeEndpoint requests"; the documentation
     *       names no metric of its own for streamed calls and does not say whether they count. The fake counts
     *       a streamed call once in {@code Invocations} (and {@code InvocationsPerInstance},
     *       {@code InvocationsPerCopy}) under the same dimensions as an unstreamed one.</li>
     *   <li>{@code ModelLatency} is documented as the time the model takes to respond "as viewed from
     *       SageMaker", including fetching the response from the container; for a stream the fake reports the
     *       whole answer: time to first part plus every further part's (and a failure's) time.</li>
     *   <li>A container error answered before the stream opens counts as for {@code InvokeEndpoint}
     *       ({@code Invocation4XXErrors} or {@code Invocation5XXErrors} by the container's status). The
     *       documentation is silent on errors in the middle of a stream (the HTTP status, 200, is already
     *       sent); the fake counts a {@code ModelStreamError} or {@code InternalStreamFailure} as an
     *       {@code Invocation5XXErrors}, the stream having failed on the server's side.</li>
     *   <li>Data capture
     *       (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-data-capture-endpoint.html">
     *       Capture data from real-time endpoint</a>, <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DataCaptureConfig.html">
     *       DataCaptureConfig</a>) does not say whether streamed calls are captured. The fake captures a stream
     *       that ended normally, with the request and the parts' bytes one after the other as the output
     *       (content type the stream's), when the stream ends, sampled as any invocation; a stream that failed
     *       is not captured, as a {@code ModelError} is not. {@link Builder#captureStreamedInvocations(boolean)}
     *       turns the capture of streams off.</li>
     * </ul>
     *
     * @param request an {@code InvokeEndpointWithResponseStreamRequest}
     * @return the stream, once open (a completed stage)
     * @throws UnsupportedOperationException for a request whose answer is not an event stream
     */
    @Override
    public CompletableFuture<StreamedResponse> executeStream(SdkRequest request) {
        return world.executeStream(Objects.requireNonNull(request, "request"));
    }

    /**
     * @param service {@code sagemaker}, {@code sagemaker-runtime}, {@code cloudwatch} or
     *     {@code application-autoscaling}
     * @return the operations of that service this fake serves, sorted; a request of any other
     *     operation fails with {@link UnsupportedOperationException} naming it (over HTTP:
     *     {@code UnknownOperationException})
     * @throws IllegalArgumentException for another service name
     */
    public java.util.List<String> servedOperations(String service) {
        String modelPackage = switch (Objects.requireNonNull(service, "service")) {
            case "sagemaker" -> "software.amazon.awssdk.services.sagemaker.model";
            case "sagemaker-runtime" -> "software.amazon.awssdk.services.sagemakerruntime.model";
            case "cloudwatch" -> "software.amazon.awssdk.services.cloudwatch.model";
            case "application-autoscaling" -> "software.amazon.awssdk.services.applicationautoscaling.model";
            default -> throw new IllegalArgumentException("no service " + service + "; the fake serves sagemaker,"
                    + " sagemaker-runtime, cloudwatch and application-autoscaling");
        };
        return world.servedOperations(modelPackage);
    }

    /**
     * @return a {@link SageMakerClient} over this world: models, endpoint configs, endpoints and
     *     inference components (create, describe, update, delete, list), and their tags
     *     ({@code AddTags}, {@code ListTags}, {@code DeleteTags}); other operations throw
     *     {@link UnsupportedOperationException} naming the ones served
     */
    public SageMakerClient sageMakerClient() {
        return world.sageMaker();
    }

    /** @return a {@link SageMakerRuntimeClient} over this world ({@code InvokeEndpoint}) */
    public SageMakerRuntimeClient runtimeClient() {
        return world.runtime();
    }

    /**
     * A {@link SageMakerRuntimeAsyncClient} over this world: {@code invokeEndpoint} (a completed
     * future) and {@code invokeEndpointWithResponseStream(request, handler)} with the SDK's
     * handler contract ({@code responseReceived}, {@code onEventStream} with the
     * {@code PayloadPart}s, visitor-based handlers from
     * {@code InvokeEndpointWithResponseStreamResponseHandler.builder()}, then {@code complete()}
     * or {@code exceptionOccurred}; the returned future completes after either). Events are
     * paced on the virtual clock as for {@link #executeStream(SdkRequest)}. Other operations
     * throw {@link UnsupportedOperationException} naming themselves.
     *
     * <pre>{@code
     * StringBuilder text = new StringBuilder();
     * fake.runtimeAsyncClient().invokeEndpointWithResponseStream(request,
     *         InvokeEndpointWithResponseStreamResponseHandler.builder()
     *                 .subscriber(InvokeEndpointWithResponseStreamResponseHandler.Visitor.builder()
     *                         .onPayloadPart(part -> text.append(part.bytes().asUtf8String())).build())
     *                 .build()).join();
     * }</pre>
     *
     * @return the client; closing it releases nothing
     */
    public SageMakerRuntimeAsyncClient runtimeAsyncClient() {
        return world.runtimeAsync();
    }

    /**
     * @return a {@link CloudWatchClient} over this world: {@code PutMetricAlarm},
     *     {@code DescribeAlarms}, {@code DescribeAlarmsForMetric}, {@code DeleteAlarms} and
     *     {@code SetAlarmState} for metric alarms, evaluated on the virtual clock;
     *     {@code PutMetricData} for a test's own metrics (any namespace but {@code AWS/}), stored
     *     with the {@code AWS/SageMaker} metrics invocations emit; and over both
     *     {@code ListMetrics}, {@code GetMetricStatistics} and {@code GetMetricData}
     *     ({@code MetricStat} queries; metric math expressions are refused as not supported).
     *     Any other operation fails naming itself and these.
     */
    public CloudWatchClient cloudWatchClient() {
        return world.cloudWatch();
    }

    /**
     * @return an {@link ApplicationAutoScalingClient} over this world (scalable targets and scaling
     *     policies for variants and inference components; target-tracking policies, on predefined
     *     or customized metrics, create their alarms and scale the resource when those alarms are in
     *     ALARM; step-scaling policies scale it when an alarm whose AlarmActions name them is in ALARM)
     */
    public ApplicationAutoScalingClient autoScalingClient() {
        return world.autoScaling();
    }

    /** @return the virtual clock the world runs on (also the engine's TimeSource and Scheduler) */
    public VirtualClock clock() {
        return clock;
    }

    /**
     * A {@link BallastEngine} bound to this world: its transport is this fake, its time source
     * and scheduler this world's {@link #clock()}, so a forty-minute rollout runs in milliseconds.
     * Each call builds a new engine, with its own lease token (a second writer, when a test wants
     * two).
     *
     * <pre>{@code
     * FakeSageMaker fake = FakeSageMaker.create();
     * Ballast ballast = fake.engine();
     * Outcome outcome = ballast.apply(spec).await();
     * }</pre>
     *
     * @return a new engine on this world, with the engine's default settings otherwise
     */
    public BallastEngine engine() {
        return engineBuilder().build();
    }

    /**
     * A {@link BallastEngine} bound to this world (as {@link #engine()}) with more settings.
     *
     * <pre>{@code
     * List<DeploymentEvent> events = new ArrayList<>();
     * Ballast ballast = fake.engine(b -> b.listener(events::add).watch(WatchSettings.defaults()));
     * }</pre>
     *
     * @param settings applied to {@link #engineBuilder()} before the engine is built
     * @return a new engine on this world
     */
    public BallastEngine engine(Consumer<BallastEngine.Builder> settings) {
        BallastEngine.Builder builder = engineBuilder();
        Objects.requireNonNull(settings, "settings").accept(builder);
        return builder.build();
    }

    /**
     * A {@link BallastEngine.Builder} set up for this world: {@code transport(this)} and
     * {@code clock(clock(), clock())}. Override either to put something between the engine and
     * the fake — a transport that drops answers, a scheduler a test can kill — keeping the rest.
     *
     * <pre>{@code
     * Ballast lossy = fake.engineBuilder().transport(new DroppingTransport(fake)).build();
     * }</pre>
     *
     * @return a new builder; nothing is shared between builders
     */
    public BallastEngine.Builder engineBuilder() {
        return BallastEngine.builder().transport(this).clock(clock, clock);
    }

    /**
     * Starts describing traffic to this world's endpoints: requests every few simulated seconds,
     * counted by answer and failure (see {@link Traffic}).
     *
     * <pre>{@code
     * Traffic traffic = fake.traffic().toComponent("rolling-demo", "llm").every(Duration.ofSeconds(10)).start();
     * ballast.apply(update).await();
     * traffic.stop();
     * int failures = traffic.failed("ModelError");
     * }</pre>
     *
     * @return a builder; {@link Traffic.Builder#start()} sends the first request
     */
    public Traffic.Builder traffic() {
        return new Traffic.Builder(this);
    }

    /** @return the read-only history of state changes */
    public Timeline timeline() {
        return world.timeline();
    }

    /**
     * What an endpoint's data capture recorded ({@code DataCaptureConfig} of its serving config, or
     * of the new one for the new instances of a deployment in progress): request and response
     * bodies as SageMaker would write them to {@code DestinationS3Uri}. Records outlive the
     * endpoint, as objects in S3 would.
     *
     * @param endpointName the endpoint (case-insensitive, as SageMaker names are)
     * @return an immutable snapshot, oldest first; empty when nothing was captured
     */
    public List<CapturedInvocation> capturedData(String endpointName) {
        return world.capturedData(Objects.requireNonNull(endpointName, "endpointName"));
    }

    /** @return the timings in force */
    public FakeTimings timings() {
        return timings;
    }

    /** @return the region of ARNs and messages */
    public String region() {
        return region;
    }

    /** @return the account id of ARNs and messages */
    public String accountId() {
        return accountId;
    }

    /**
     * EC2 capacity for a type is at most {@code maxInstances} live instances: further launches
     * stall (endpoint stays {@code Creating}, copies stay unplaced) until capacity returns or the
     * relevant timeout fires.
     *
     * @return this world
     */
    public FakeSageMaker givenInstanceCapacity(String instanceType, int maxInstances) {
        world.limitInstances(instanceType, requireNonNegative(maxInstances));
        return this;
    }

    /** @return this world, where no further instance of the type can be launched */
    public FakeSageMaker givenNoCapacity(String instanceType) {
        return givenInstanceCapacity(instanceType, 0);
    }

    /**
     * Only {@code launches} more instances (of any type) can be launched from now on.
     *
     * @return this world
     */
    public FakeSageMaker givenCapacityExhaustedAfter(int launches) {
        world.launchBudget(requireNonNegative(launches));
        return this;
    }

    /** @return this world with capacity limits lifted; stalled placements resume */
    public FakeSageMaker givenCapacityRestored() {
        world.unlimitedCapacity();
        return this;
    }

    /**
     * The account quota for a type: CreateEndpoint asking beyond it fails at once with
     * {@code ResourceLimitExceeded}, and scaling cannot exceed it. A type without a quota of the
     * test's has one of 10,000 instances (real accounts start far lower), so that no request can
     * ask the fake for billions of instances.
     *
     * @return this world
     */
    public FakeSageMaker givenInstanceQuota(String instanceType, int maxInstances) {
        world.quota(instanceType, requireNonNegative(maxInstances));
        return this;
    }

    /**
     * Copies whose specification matches {@code when} play {@code behavior}. The latest matching
     * registration wins; a copy chooses when it starts.
     *
     * @return this world
     */
    public FakeSageMaker givenContainer(Predicate<ContainerSpec> when, ContainerBehavior behavior) {
        world.container(Objects.requireNonNull(when, "when"), Objects.requireNonNull(behavior, "behavior"));
        return this;
    }

    /**
     * Copies of the named inference component, or the model copies of model-based (and serverless)
     * variants that serve the named model, play {@code behavior}: for example the new model of an
     * endpoint deployment answering 500s.
     *
     * @return this world
     */
    public FakeSageMaker givenContainerFor(String componentName, ContainerBehavior behavior) {
        Objects.requireNonNull(componentName, "componentName");
        return givenContainer(spec -> spec.componentName().equalsIgnoreCase(componentName), behavior);
    }

    /**
     * Copies whose environment has {@code key=value} play {@code behavior}.
     *
     * @return this world
     */
    public FakeSageMaker givenContainerWithEnv(String key, String value, ContainerBehavior behavior) {
        Objects.requireNonNull(key, "key");
        return givenContainer(spec -> Objects.equals(spec.env(key), value), behavior);
    }

    /**
     * Replaces the default (TGI-like) behaviour for copies no registration matches.
     *
     * @return this world
     */
    public FakeSageMaker givenDefaultContainer(ContainerBehavior behavior) {
        world.defaultContainer(Objects.requireNonNull(behavior, "behavior"));
        return this;
    }

    /** Nothing to release; present so worlds can live in try-with-resources and JUnit stores. */
    @Override
    public void close() {
        // the world holds no threads or files
    }

    @Override
    public String toString() {
        return "FakeSageMaker[region=" + region + ", account=" + accountId + ", now=" + clock.now() + "]";
    }

    private static int requireNonNegative(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("must not be negative: " + value);
        }
        return value;
    }

    /** Builds a {@link FakeSageMaker}. */
    public static final class Builder {
        private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
        private String region = "us-east-1";
        private String accountId = "123456789012";
        private FakeTimings timings = FakeTimings.defaults();
        private Instant clockStart = Instant.parse("2026-01-01T00:00:00Z");
        private long seed = 42L;
        private InstanceShape unknownShape = unknownTypeShape(8, 32 * 1024, 1);
        private int reservedHostMemoryMiB = 1024;
        private String rollbackFailureReason;
        private boolean enforceBatchSizeRule = true;
        private boolean captureStreamedInvocations = true;
        private boolean sampleShadowsAtRandom;

        private Builder() {
        }

        /** @param value the region (default us-east-1) */
        public Builder region(String value) {
            region = Objects.requireNonNull(value, "region");
            return this;
        }

        /** @param value a twelve-digit account id (default 123456789012) */
        public Builder accountId(String value) {
            if (value == null || !ACCOUNT.matcher(value).matches()) {
                throw new IllegalArgumentException("accountId must be twelve digits: " + value);
            }
            accountId = value;
            return this;
        }

        /** @param value the simulated durations (default {@link FakeTimings#defaults()}) */
        public Builder timings(FakeTimings value) {
            timings = Objects.requireNonNull(value, "timings");
            return this;
        }

        /** @param value the initial simulated instant (default 2026-01-01T00:00:00Z) */
        public Builder clockStart(Instant value) {
            clockStart = Objects.requireNonNull(value, "clockStart");
            return this;
        }

        /** @param value seed of the world's only randomness (routing, request ids; default 42) */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /**
         * Shape assumed for an instance type without hardware in {@link dev.ballast.InstanceType#shape()}.
         *
         * @throws IllegalArgumentException if vCPUs or memory are not positive or accelerators negative
         * @deprecated never used any more: every instance type of SageMaker's API model has its
         *     hardware in that table, and the fake refuses any other type, as SageMaker does
         */
        @Deprecated
        public Builder unknownInstanceShape(int vcpus, int memoryMiB, int accelerators) {
            unknownShape = unknownTypeShape(vcpus, memoryMiB, accelerators);
            return this;
        }

        private static InstanceShape unknownTypeShape(int vcpus, int memoryMiB, int accelerators) {
            return new InstanceShape(vcpus, memoryMiB, accelerators, Optional.empty(), 0);
        }

        /**
         * Host memory SageMaker keeps per instance for its agents, not available to copies
         * (SageMaker does not document the amount; the fake reserves this much, default 1024 MiB).
         */
        public Builder reservedHostMemoryMiB(int value) {
            reservedHostMemoryMiB = requireNonNegative(value);
            return this;
        }

        /**
         * {@code FailureReason} an inference component or endpoint shows after a rollback, and an
         * endpoint whose rollback failed ({@code UpdateRollbackFailed}) instead of the fake's own
         * description of what failed. SageMaker does not document whether a rollback sets
         * {@code FailureReason}; the fake's default is
         * {@code null} (no reason after a rollback).
         */
        public Builder rollbackFailureReason(String value) {
            rollbackFailureReason = value;
            return this;
        }

        /**
         * Whether a rolling update's resolved batch must be 5-50 % of the copy count (of the
         * variant's instance count, for endpoints), an endpoint canary at most 50 % and a linear
         * step 10-50 % of the variant's instance count (documented by AWS; a size of one is always
         * accepted). Default {@code true}.
         */
        public Builder enforceBatchSizeRule(boolean value) {
            enforceBatchSizeRule = value;
            return this;
        }

        /**
         * Whether data capture records streamed invocations ({@code InvokeEndpointWithResponseStream})
         * that end normally: the request, and the parts one after the other as the response. The AWS
         * documentation on data capture does not say whether SageMaker captures streamed calls; the
         * fake's default is {@code true}. A stream that fails in its middle is never captured, as
         * an invocation answered with an error is not.
         */
        public Builder captureStreamedInvocations(boolean value) {
            captureStreamedInvocations = value;
            return this;
        }

        /**
         * How a shadow variant's share of production's requests is sampled
         * (<a href="https://docs.aws.amazon.com/sagemaker/latest/dg/model-shadow-deployment.html">shadow
         * variants</a>: the shadow's {@code InitialVariantWeight} over the production variant's, at most all).
         * SageMaker does not document how it picks the requests it copies. By default the fake copies by an
         * accumulating fraction: each production request adds the share to a running total, and a request
         * is copied whenever that total reaches a whole request, so 0.5 copies every second request and
         * 100 requests give exactly 50 copies. With {@code true} each request is copied with the share's
         * probability, drawn from the world's seeded random (reproducible for a given seed).
         */
        public Builder sampleShadowsAtRandom(boolean value) {
            sampleShadowsAtRandom = value;
            return this;
        }

        /** @return the world */
        public FakeSageMaker build() {
            return new FakeSageMaker(this);
        }
    }
}
