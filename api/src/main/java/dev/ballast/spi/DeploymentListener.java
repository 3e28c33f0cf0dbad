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
}
