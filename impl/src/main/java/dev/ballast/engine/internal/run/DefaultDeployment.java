package dev.ballast.engine.internal.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ballast.Deployment;
import dev.ballast.error.DeploymentException;
import dev.ballast.event.DeploymentEvent;
import dev.ballast.outcome.Outcome;
import dev.ballast.plan.Plan;
import dev.ballast.spi.DeploymentListener;
import dev.ballast.spi.Scheduler;

/**
 * The handle of one deployment: collects its events (and passes each to the engine's listeners,
 * the registered consumers and the {@code dev.ballast.deployment} log at INFO), and completes
 * with its outcome.
 */
public final class DefaultDeployment implements Deployment {

    private static final Logger LOG = LoggerFactory.getLogger("dev.ballast.deployment");

    private final String subject;
    private final Scheduler scheduler;
    private final List<DeploymentListener> listeners;
    private final List<DeploymentEvent> events = new ArrayList<>();
    private final List<Consumer<DeploymentEvent>> consumers = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Outcome> future = new CompletableFuture<>();
    private volatile Plan plan;

    public DefaultDeployment(String subject, Plan plan, Scheduler scheduler, List<DeploymentListener> listeners) {
        this.subject = subject;
        this.plan = plan;
        this.scheduler = scheduler;
        this.listeners = List.copyOf(listeners);
    }

    /** Records an event and hands it to everyone who listens. */
    public void emit(DeploymentEvent event) {
        notify(record(event), event);
    }

    private List<Consumer<DeploymentEvent>> record(DeploymentEvent event) {
        synchronized (events) {
            events.add(event);
            return List.copyOf(consumers);
        }
    }

    private void notify(List<Consumer<DeploymentEvent>> now, DeploymentEvent event) {
        LOG.atInfo().addKeyValue("deployment", subject).log("{} {}", event.at(), event.describe());
        for (DeploymentListener l : listeners) {
            deliver(() -> l.onEvent(subject, event));
        }
        for (Consumer<DeploymentEvent> c : now) {
            deliver(() -> c.accept(event));
        }
    }

    private static void deliver(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("A deployment listener failed; the deployment goes on", e);
        }
    }

    /**
     * Ends the deployment with this outcome, once. The outcome is complete before listeners hear
     * of the end, so a listener that waits for it does not wait for itself.
     */
    public void finish(Outcome outcome, java.time.Instant at) {
        if (!future.isDone()) {
            DeploymentEvent finished = new DeploymentEvent.Finished(at, outcome);
            List<Consumer<DeploymentEvent>> now = record(finished);
            // What the end sets off (a fleet's next deployment, a user's callback) is new work, not part of this one's last call.
            dev.ballast.engine.internal.call.ResilientCaller.asNewWork(() -> {
                future.complete(outcome);
                notify(now, finished);
            });
        }
    }

    /** Replaces the plan once it is known (after following a deployment in flight). */
    public void plan(Plan newPlan) {
        this.plan = newPlan;
    }

    @Override
    public String name() {
        return subject;
    }

    @Override
    public Plan plan() {
        return plan;
    }

    @Override
    public Deployment onEvent(Consumer<DeploymentEvent> consumer) {
        List<DeploymentEvent> past;
        synchronized (events) {
            past = List.copyOf(events);
            consumers.add(consumer);
        }
        past.forEach(consumer);
        return this;
    }

    @Override
    public List<DeploymentEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    @Override
    public Outcome await() {
        return scheduler.await(future);
    }

    @Override
    public Outcome awaitSuccess() {
        Outcome outcome = await();
        if (!outcome.isSuccess()) {
            throw new DeploymentException(subject, outcome);
        }
        return outcome;
    }

    /** @return a copy of the outcome's future: completing or cancelling it does not change the deployment */
    @Override
    public CompletableFuture<Outcome> future() {
        return future.copy();
    }

    @Override
    public String toString() {
        return "Deployment{" + subject + ", " + (future.isDone() ? future.join().summary() : "in progress") + "}";
    }
}
