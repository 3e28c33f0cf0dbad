package dev.ballast.testkit.internal.world;

import dev.ballast.testkit.CapturedInvocation;
import dev.ballast.testkit.ContainerBehavior;
import dev.ballast.testkit.ContainerSpec;
import dev.ballast.testkit.Timeline;
import dev.ballast.testkit.VirtualClock;
import dev.ballast.testkit.internal.autoscaling.AutoScalingHandler;
import dev.ballast.testkit.internal.cloudwatch.CloudWatchHandler;
import dev.ballast.testkit.internal.component.ComponentHandler;
import dev.ballast.testkit.internal.component.InferenceComponent;
import dev.ballast.testkit.internal.endpoint.EndpointConfigHandler;
import dev.ballast.testkit.internal.endpoint.EndpointConfigRecord;
import dev.ballast.testkit.internal.endpoint.EndpointHandler;
import dev.ballast.testkit.internal.endpoint.LiveEndpoint;
import dev.ballast.testkit.internal.endpoint.ModelHandler;
import dev.ballast.testkit.internal.endpoint.ModelRecord;
import dev.ballast.testkit.internal.errors.AutoScalingErrors;
import dev.ballast.testkit.internal.errors.CloudWatchErrors;
import dev.ballast.testkit.internal.errors.RequestChecks;
import dev.ballast.testkit.internal.errors.RuntimeErrors;
import dev.ballast.testkit.internal.errors.SageMakerErrors;
import dev.ballast.spi.StreamedResponse;
import dev.ballast.testkit.internal.runtime.CaptureRecorder;
import dev.ballast.testkit.internal.runtime.OpenStream;
import dev.ballast.testkit.internal.runtime.PacedEvents;
import dev.ballast.testkit.internal.runtime.RuntimeHandler;
import dev.ballast.testkit.internal.runtime.TgiContainer;
import dev.ballast.testkit.internal.sim.Ids;
import dev.ballast.testkit.internal.sim.Registry;
import dev.ballast.testkit.internal.sim.Sim;
import dev.ballast.testkit.internal.sim.WorldOptions;
import dev.ballast.testkit.internal.tags.TagHandler;
import dev.ballast.testkit.internal.tags.TagStore;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/**
 * The composition root of one simulated account and region: wires the clock, the resources, the
 * operation handlers, CloudWatch, the runtime and the SDK facades, and serialises every call
 * under one lock.
 */
public final class World {

    /**
     * Set to {@code false} before a world is built to skip the API-model checks of requests: for
     * benchmarks that measure what those checks cost, never for tests (the fake would then accept
     * what AWS refuses).
     */
    public static final String REQUEST_CHECKS_PROPERTY = "dev.ballast.testkit.requestChecks";

    private final Sim sim;
    private final VirtualClock clock;
    private final Registry<LiveEndpoint> endpoints = new Registry<>();
    private final Registry<InferenceComponent> components = new Registry<>();
    private final CaptureRecorder capture;
    private final RequestChecks checks;
    private final RequestRouter router;
    private final SageMakerClient sageMaker;
    private final SageMakerRuntimeClient runtime;
    private final CloudWatchClient cloudWatch;
    private final SageMakerRuntimeAsyncClient runtimeAsync;
    private final ApplicationAutoScalingClient autoScaling;

    /**
     * @param options the world's settings
     * @param clock the clock the world runs on
     */
    public World(WorldOptions options, VirtualClock clock) {
        Ids ids = new Ids(new Random(options.seed()));
        this.clock = clock;
        this.sim = new Sim(clock, options, ids, new TgiContainer(options.timings()));
        this.capture = new CaptureRecorder(sim);
        Registry<ModelRecord> models = new Registry<>();
        Registry<EndpointConfigRecord> configs = new Registry<>();
        TagStore tags = new TagStore();
        SageMakerErrors errors = new SageMakerErrors(ids, sim.arns());
        RuntimeErrors runtimeErrors = new RuntimeErrors(ids, options);
        AutoScalingErrors autoScalingErrors = new AutoScalingErrors(ids);
        CloudWatchErrors cloudWatchErrors = new CloudWatchErrors(ids);
        this.checks = new RequestChecks(errors, runtimeErrors, cloudWatchErrors, autoScalingErrors,
                !"false".equals(System.getProperty(REQUEST_CHECKS_PROPERTY)));
        CloudWatchHandler cloudWatchHandler = new CloudWatchHandler(sim, cloudWatchErrors, this::alarmChanged);
        ModelHandler modelHandler = new ModelHandler(sim, models, tags, errors);
        EndpointConfigHandler configHandler = new EndpointConfigHandler(sim, configs, models, tags, errors);
        AutoScalingHandler autoScalingHandler = new AutoScalingHandler(sim, endpoints, components, autoScalingErrors,
                cloudWatchHandler);
        EndpointHandler endpointHandler = new EndpointHandler(sim, endpoints, models, tags, errors, configHandler,
                cloudWatchHandler::inAlarm, autoScalingHandler::registeredVariant, this::componentsOn);
        ComponentHandler componentHandler = new ComponentHandler(sim, components, models, tags, errors,
                endpointHandler, cloudWatchHandler::inAlarm);
        RuntimeHandler runtimeHandler = new RuntimeHandler(sim, endpoints, components, runtimeErrors,
                cloudWatchHandler.metrics(), capture);
        cloudWatchHandler.afterEvaluation(autoScalingHandler::actOnAlarms);
        TagHandler tagHandler = new TagHandler(sim, tags, errors, ref -> switch (ref.type()) {
            // an ARN carries the lower-cased name: one written in another case names nothing
            case "model" -> models.hasArnName(ref.name());
            case "endpoint-config" -> configs.hasArnName(ref.name());
            case "endpoint" -> endpoints.hasArnName(ref.name());
            case "inference-component" -> components.hasArnName(ref.name());
            default -> false; // types the fake does not model (training jobs, ...) have no resources
        });
        this.router = new RequestRouter(modelHandler, configHandler, endpointHandler, componentHandler, tagHandler,
                cloudWatchHandler, runtimeHandler, autoScalingHandler);
        this.sageMaker = ClientFacade.of(SageMakerClient.class, SageMakerClient.SERVICE_NAME, this);
        this.runtime = ClientFacade.of(SageMakerRuntimeClient.class, SageMakerRuntimeClient.SERVICE_NAME, this);
        this.cloudWatch = ClientFacade.of(CloudWatchClient.class, CloudWatchClient.SERVICE_NAME, this);
        this.runtimeAsync = AsyncRuntimeFacade.of(this);
        this.autoScaling = ClientFacade.of(ApplicationAutoScalingClient.class,
                ApplicationAutoScalingClient.SERVICE_NAME, this);
    }

    /** @return the Application Auto Scaling facade */
    public ApplicationAutoScalingClient autoScaling() {
        return autoScaling;
    }

    /**
     * Executes one SDK request: checks it against its service's API model (outside the lock: it
     * reads only the request), then runs it under the world lock.
     *
     * @param request the request
     * @return the response
     * @throws UnsupportedOperationException for requests of operations the fake does not serve
     */
    public SdkResponse execute(SdkRequest request) {
        checks.check(request, this::locked);
        return locked(() -> router.route(request));
    }

    /**
     * Executes one request whose answer is an event stream ({@code InvokeEndpointWithResponseStream}):
     * checks it as {@link #execute(SdkRequest)} does, then opens the stream under the world lock.
     *
     * @param request the request
     * @return a completed stage: the stream, its events paced on the clock; or the service's error
     *     answered before the stream opened
     * @throws UnsupportedOperationException for a request whose answer is not a stream
     */
    public CompletableFuture<StreamedResponse> executeStream(SdkRequest request) {
        try {
            checks.check(request, this::locked);
            OpenStream stream = locked(() -> router.routeStream(request));
            return CompletableFuture.completedFuture(new StreamedResponse(stream.response(),
                    new PacedEvents(stream, clock)));
        } catch (AwsServiceException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** @return the SageMaker Runtime async facade */
    public SageMakerRuntimeAsyncClient runtimeAsync() {
        return runtimeAsync;
    }

    /**
     * @param modelPackage an SDK model package
     * @return the operations of that service the fake serves
     */
    public List<String> servedOperations(String modelPackage) {
        return router.served(modelPackage);
    }

    /** @return the SageMaker facade */
    public SageMakerClient sageMaker() {
        return sageMaker;
    }

    /** @return the SageMaker Runtime facade */
    public SageMakerRuntimeClient runtime() {
        return runtime;
    }

    /** @return the CloudWatch facade */
    public CloudWatchClient cloudWatch() {
        return cloudWatch;
    }

    /** @return the timeline */
    public Timeline timeline() {
        return sim.timeline();
    }

    /**
     * @param endpointName an endpoint name (case-insensitive)
     * @return the invocations its data capture recorded, oldest first
     */
    public List<CapturedInvocation> capturedData(String endpointName) {
        return locked(() -> capture.captured(endpointName));
    }

    /** Limits live instances of a type (EC2 capacity); placement beyond it stalls. */
    public void limitInstances(String instanceType, int maxInstances) {
        locked(() -> {
            sim.capacity().limit(instanceType, maxInstances);
            replan();
            return null;
        });
    }

    /** Allows only {@code launches} more instance launches, of any type. */
    public void launchBudget(int launches) {
        locked(() -> {
            sim.capacity().launchBudget(launches);
            replan();
            return null;
        });
    }

    /** Removes capacity limits and the launch budget; stalled placements resume. */
    public void unlimitedCapacity() {
        locked(() -> {
            sim.capacity().unlimited();
            replan();
            return null;
        });
    }

    /** Sets the account quota of a type: CreateEndpoint beyond it fails with ResourceLimitExceeded. */
    public void quota(String instanceType, int maxInstances) {
        locked(() -> {
            sim.capacity().quota(instanceType, maxInstances);
            return null;
        });
    }

    /** Registers a container behaviour for copies whose spec matches. */
    public void container(Predicate<ContainerSpec> when, ContainerBehavior behavior) {
        locked(() -> {
            sim.containers().register(when, behavior);
            return null;
        });
    }

    /** Replaces the default container behaviour. */
    public void defaultContainer(ContainerBehavior behavior) {
        locked(() -> {
            sim.containers().fallback(behavior);
            return null;
        });
    }

    private void replan() {
        endpoints.snapshot().forEach(LiveEndpoint::replan);
    }

    private int componentsOn(LiveEndpoint endpoint) {
        return (int) components.all().stream().filter(ic -> ic.endpoint() == endpoint).count();
    }

    private void alarmChanged(String alarmName, boolean inAlarm) {
        for (LiveEndpoint endpoint : endpoints.snapshot()) {
            endpoint.alarmChanged(alarmName, inAlarm);
        }
        for (InferenceComponent ic : components.snapshot()) {
            ic.alarmChanged(alarmName, inAlarm);
        }
    }

    <T> T locked(Supplier<T> action) {
        return sim.locked(action);
    }
}
