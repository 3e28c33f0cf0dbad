package dev.ballast.testkit.internal;

import dev.ballast.testkit.CapturedInvocation;
import dev.ballast.testkit.ContainerBehavior;
import dev.ballast.testkit.ContainerSpec;
import dev.ballast.testkit.Timeline;
import dev.ballast.testkit.VirtualClock;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/**
 * The composition root of one simulated account and region: wires the clock, the resources, the
 * operation handlers, CloudWatch, the runtime and the SDK facades, and serialises every call
 * under one lock.
 */
public final class World {

    private final Sim sim;
    private final Resources resources = new Resources();
    private final DataCapture capture;
    /**
     * Set to {@code false} before a world is built to skip the API-model checks of requests: for
     * benchmarks that measure what those checks cost, never for tests (the fake would then accept
     * what AWS refuses).
     */
    public static final String REQUEST_CHECKS_PROPERTY = "dev.ballast.testkit.requestChecks";

    private final RequestChecks checks;
    private final RequestRouter router;
    private final SageMakerClient sageMaker;
    private final SageMakerRuntimeClient runtime;
    private final CloudWatchClient cloudWatch;
    private final ApplicationAutoScalingClient autoScaling;

    /**
     * @param options the world's settings
     * @param clock the clock the world runs on
     */
    public World(WorldOptions options, VirtualClock clock) {
        Ids ids = new Ids(new Random(options.seed()));
        this.sim = new Sim(clock, options, ids);
        this.capture = new DataCapture(sim);
        SageMakerErrors errors = new SageMakerErrors(ids, sim.arns);
        RuntimeErrors runtimeErrors = new RuntimeErrors(ids, options);
        AutoScalingErrors autoScalingErrors = new AutoScalingErrors(ids);
        CloudWatchErrors cloudWatchErrors = new CloudWatchErrors(ids);
        this.checks = new RequestChecks(errors, runtimeErrors, cloudWatchErrors, autoScalingErrors,
                !"false".equals(System.getProperty(REQUEST_CHECKS_PROPERTY)));
        CloudWatchService cloudWatchService = new CloudWatchService(sim, cloudWatchErrors, this::alarmChanged);
        ModelApi models = new ModelApi(sim, resources, errors);
        EndpointConfigApi configs = new EndpointConfigApi(sim, resources, errors);
        AutoScalingService autoScaling = new AutoScalingService(sim, resources, autoScalingErrors,
                cloudWatchService);
        EndpointApi endpoints = new EndpointApi(sim, resources, errors, configs, cloudWatchService,
                autoScaling::registeredVariant);
        ComponentApi components = new ComponentApi(sim, resources, errors, endpoints, cloudWatchService);
        InvocationService invocations = new InvocationService(sim, resources, runtimeErrors,
                cloudWatchService.metrics, capture);
        cloudWatchService.afterEvaluation(autoScaling::actOnAlarms);
        TagApi tags = new TagApi(sim, resources, errors);
        this.router = new RequestRouter(models, configs, endpoints, components, tags, cloudWatchService, invocations,
                autoScaling);
        this.sageMaker = ClientFacade.of(SageMakerClient.class, SageMakerClient.SERVICE_NAME, this);
        this.runtime = ClientFacade.of(SageMakerRuntimeClient.class, SageMakerRuntimeClient.SERVICE_NAME, this);
        this.cloudWatch = ClientFacade.of(CloudWatchClient.class, CloudWatchClient.SERVICE_NAME, this);
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
        return sim.timeline;
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
            sim.capacity.limit(instanceType, maxInstances);
            replan();
            return null;
        });
    }

    /** Allows only {@code launches} more instance launches, of any type. */
    public void launchBudget(int launches) {
        locked(() -> {
            sim.capacity.launchBudget(launches);
            replan();
            return null;
        });
    }

    /** Removes capacity limits and the launch budget; stalled placements resume. */
    public void unlimitedCapacity() {
        locked(() -> {
            sim.capacity.unlimited();
            replan();
            return null;
        });
    }

    /** Sets the account quota of a type: CreateEndpoint beyond it fails with ResourceLimitExceeded. */
    public void quota(String instanceType, int maxInstances) {
        locked(() -> {
            sim.capacity.quota(instanceType, maxInstances);
            return null;
        });
    }

    /** Registers a container behaviour for copies whose spec matches. */
    public void container(Predicate<ContainerSpec> when, ContainerBehavior behavior) {
        locked(() -> {
            sim.containers.register(when, behavior);
            return null;
        });
    }

    /** Replaces the default container behaviour. */
    public void defaultContainer(ContainerBehavior behavior) {
        locked(() -> {
            sim.containers.fallback(behavior);
            return null;
        });
    }

    private void replan() {
        for (Endpoint endpoint : List.copyOf(resources.endpoints.values())) {
            for (Fleet fleet : endpoint.fleets()) {
                fleet.placePending();
            }
            if (endpoint.deployment != null) {
                endpoint.deployment.green.all().forEach(Fleet::placePending);
            }
            endpoint.refresh();
        }
    }

    private void alarmChanged(String alarmName, boolean inAlarm) {
        for (Endpoint endpoint : List.copyOf(resources.endpoints.values())) {
            endpoint.alarmChanged(alarmName, inAlarm);
        }
        for (InferenceComponent ic : List.copyOf(resources.components.values())) {
            ic.alarmChanged(alarmName, inAlarm);
        }
    }

    <T> T locked(Supplier<T> action) {
        sim.lock.lock();
        try {
            return action.get();
        } finally {
            sim.lock.unlock();
        }
    }
}
