package dev.ballast.scenario;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

import dev.ballast.engine.BallastEngine;
import dev.ballast.spi.Scheduler;
import dev.ballast.spi.TimeSource;
import dev.ballast.spi.Transport;

/**
 * A process that dies, as a killed JVM does: once dead, none of its calls reaches SageMaker and
 * none of its scheduled tasks runs. It dies when it is about to send one mutating call more than
 * it was allowed, or when a test kills it.
 */
final class DyingProcess implements Transport {

    private final Transport transport;
    private final KillableScheduler scheduler;
    private final int mutationsAllowed;
    private final List<String> mutations = new CopyOnWriteArrayList<>();
    private volatile boolean dead;

    /** @param mutationsAllowed how many mutating calls reach SageMaker before the process dies */
    DyingProcess(Transport transport, Scheduler scheduler, int mutationsAllowed) {
        this.transport = transport;
        this.scheduler = new KillableScheduler(scheduler);
        this.mutationsAllowed = mutationsAllowed;
    }

    BallastEngine engine(TimeSource time) {
        return BallastEngine.builder().transport(this).clock(time, scheduler).build();
    }

    @Override
    public SdkResponse execute(SdkRequest request) {
        if (dead) {
            throw new IllegalStateException("the process is dead");
        }
        String operation = operation(request);
        if (isMutation(operation)) {
            if (mutations.size() >= mutationsAllowed) {
                kill();
                throw new IllegalStateException("the process died before " + operation);
            }
            mutations.add(operation);
        }
        return transport.execute(request);
    }

    void kill() {
        dead = true;
        scheduler.kill();
    }

    boolean dead() {
        return dead;
    }

    /** @return the mutating calls that reached SageMaker, in order */
    List<String> mutations() {
        return List.copyOf(mutations);
    }

    static String operation(SdkRequest request) {
        return request.getClass().getSimpleName().replaceFirst("Request$", "");
    }

    static boolean isMutation(String operation) {
        return !operation.startsWith("Describe") && !operation.startsWith("List") && !operation.equals("InvokeEndpoint");
    }
}
