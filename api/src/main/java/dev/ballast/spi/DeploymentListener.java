package dev.ballast.spi;

import dev.ballast.event.DeploymentEvent;

/**
 * Observes deployments: called once per event, in order, on the thread that runs the engine's
 * scheduled work. Keep it quick; a listener that throws is logged and otherwise ignored.
 */
@FunctionalInterface
public interface DeploymentListener {

    /** Called for every event of every deployment of the engine. */
    void onEvent(DeploymentEvent event);

    /**
     * Called for every event of every deployment of the engine, with the deployment it belongs to
     * ({@link dev.ballast.Deployment#name()}, for example {@code endpoint 'fleet-0042'}): what a
     * listener of a {@link dev.ballast.FleetDeployment} overrides. By default it passes the event to
     * {@link #onEvent(DeploymentEvent)}.
     */
    default void onEvent(String deployment, DeploymentEvent event) {
        onEvent(event);
    }
}
