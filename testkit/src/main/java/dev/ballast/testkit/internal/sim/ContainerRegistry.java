package dev.ballast.testkit.internal.sim;

import dev.ballast.testkit.ContainerBehavior;
import dev.ballast.testkit.ContainerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The behaviours a test registered; the latest matching registration wins, else the default. */
public final class ContainerRegistry {

    private record Registration(Predicate<ContainerSpec> when, ContainerBehavior behavior) {
    }

    private final List<Registration> registrations = new ArrayList<>();
    private ContainerBehavior fallback;

    /** @param fallback what a copy runs when no registration matches it */
    public ContainerRegistry(ContainerBehavior fallback) {
        this.fallback = fallback;
    }

    /** Registers a behaviour for the copies whose spec matches; later registrations win. */
    public void register(Predicate<ContainerSpec> when, ContainerBehavior behavior) {
        registrations.add(new Registration(when, behavior));
    }

    /** Replaces the default behaviour. */
    public void fallback(ContainerBehavior behavior) {
        fallback = behavior;
    }

    /** @return the behaviour of the latest matching registration, else the default */
    public ContainerBehavior resolve(ContainerSpec spec) {
        for (int i = registrations.size() - 1; i >= 0; i--) {
            if (registrations.get(i).when().test(spec)) {
                return registrations.get(i).behavior();
            }
        }
        return fallback;
    }
}
