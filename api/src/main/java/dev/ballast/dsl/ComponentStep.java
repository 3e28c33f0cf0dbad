package dev.ballast.dsl;

import dev.ballast.RollingUpdate;

/**
 * An endpoint right after a component was added: the place where that component's rolling
 * update policy goes. Do not keep this step in a field.
 */
public interface ComponentStep extends ComponentEndpointStep {

    /**
     * Sets how updates of the component just added roll out.
     *
     * <pre>{@code
     * .component(llm).rollingUpdate(batch(1).wait(Duration.ofSeconds(120)).rollbackOn(alarm))
     * }</pre>
     */
    ComponentEndpointStep rollingUpdate(RollingUpdate policy);
}
