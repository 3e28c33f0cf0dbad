package dev.ballast.engine;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;

import dev.ballast.engine.internal.reconcile.ComponentEndpointReconciler;
import dev.ballast.engine.internal.reconcile.Observed;
import dev.ballast.engine.internal.reconcile.Observer;
import dev.ballast.engine.internal.reconcile.Standing;
import dev.ballast.engine.internal.reconcile.Teardown;
import dev.ballast.engine.internal.reconcile.VariantEndpointObserved;
import dev.ballast.engine.internal.reconcile.VariantEndpointReconciler;
import dev.ballast.engine.internal.run.Subject;
import dev.ballast.plan.Plan;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.EndpointSpec;
import dev.ballast.spec.VariantEndpointSpec;

/**
 * What the engine does differently for each kind of endpoint, behind one door: how it observes
 * what runs, reconciles the spec with it, judges what runs against the spec, and plans a
 * teardown. The engine's apply, attach and delete are written once over this.
 *
 * @param <O> what an observation of this kind holds: the endpoint's {@link Observed}, and for an
 *     endpoint of model variants its models and running configuration too
 */
interface EndpointKind<O> {

    /** @return the door for the spec's kind */
    static EndpointKind<?> of(EndpointSpec spec, Observer observer) {
        if (spec instanceof ComponentEndpointSpec components) {
            return new Components(components, observer);
        }
        return new Variants((VariantEndpointSpec) spec, observer);
    }

    /** @return what the plan runner needs to know of the spec */
    Subject subject();

    /** @return what runs now, described */
    CompletableFuture<O> observe();

    /** @return the endpoint's part of an observation */
    Observed endpoint(O observed);

    /** @return the plan of what differs between the spec and what was observed */
    Plan reconcile(O observed);

    /** @return whether what was observed is the spec, and if not, what differs */
    CompletableFuture<Standing.Verdict> standing(O observed);

    /** @return the plan that deletes what the spec created, from what runs now */
    CompletableFuture<Plan> teardown();

    /** The spec's endpoint configuration, described, when the endpoint runs another one: SageMaker's record of a rollback needs it. */
    private static CompletableFuture<Optional<DescribeEndpointConfigResponse>> specConfig(Observer observer, String configName,
                                                                                         Observed observed) {
        boolean runsAnother = observed.endpoint().isPresent() && !configName.equals(observed.endpoint().get().endpointConfigName());
        return runsAnother && observed.configExists() ? observer.endpointConfig(configName)
                : CompletableFuture.completedFuture(Optional.empty());
    }

    /** An endpoint of inference components. */
    record Components(ComponentEndpointSpec spec, Observer observer) implements EndpointKind<Observed> {

        @Override
        public Subject subject() {
            return Subject.of(spec);
        }

        @Override
        public CompletableFuture<Observed> observe() {
            return observer.observe(spec);
        }

        @Override
        public Observed endpoint(Observed observed) {
            return observed;
        }

        @Override
        public Plan reconcile(Observed observed) {
            return ComponentEndpointReconciler.reconcile(spec, observed);
        }

        @Override
        public CompletableFuture<Standing.Verdict> standing(Observed observed) {
            return specConfig(observer, spec.endpointConfigName(), observed).thenApply(config -> Standing.of(spec, observed, config));
        }

        @Override
        public CompletableFuture<Plan> teardown() {
            return observer.observe(spec).thenApply(o -> Teardown.plan(spec, o));
        }
    }

    /** An endpoint of model variants. */
    record Variants(VariantEndpointSpec spec, Observer observer) implements EndpointKind<VariantEndpointObserved> {

        @Override
        public Subject subject() {
            return Subject.of(spec);
        }

        @Override
        public CompletableFuture<VariantEndpointObserved> observe() {
            return observer.observe(spec);
        }

        @Override
        public Observed endpoint(VariantEndpointObserved observed) {
            return observed.endpoint();
        }

        @Override
        public Plan reconcile(VariantEndpointObserved observed) {
            return VariantEndpointReconciler.reconcile(spec, observed);
        }

        @Override
        public CompletableFuture<Standing.Verdict> standing(VariantEndpointObserved observed) {
            return specConfig(observer, spec.endpointConfigName(), observed.endpoint())
                    .thenApply(config -> Standing.of(spec, observed, config));
        }

        @Override
        public CompletableFuture<Plan> teardown() {
            // the alarms a traffic shift created are the endpoint's too, and go with it
            return observer.observe(spec).thenCompose(o -> observer.shiftAlarms(spec).thenApply(shift -> Teardown.plan(spec,
                    new VariantEndpointObserved(o.endpoint().withAlarms(shift), o.models(), o.runningConfig()))));
        }
    }
}
