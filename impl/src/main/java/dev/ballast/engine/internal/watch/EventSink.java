package dev.ballast.engine.internal.watch;

import dev.ballast.event.DeploymentEvent;

/** Where the watcher and the runner send what they see. */
@FunctionalInterface
public interface EventSink {
    void emit(DeploymentEvent event);
}
