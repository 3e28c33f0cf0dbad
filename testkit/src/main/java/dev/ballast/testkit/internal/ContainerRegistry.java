package dev.ballast.testkit.internal;

import dev.ballast.testkit.ContainerBehavior;
import dev.ballast.testkit.ContainerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The behaviours a test registered; the latest matching registration wins, else the default. */
final class ContainerRegistry {

    private record Registration(Predicate<ContainerSpec> when, ContainerBehavior behavior) {
    }

    private final List<Registration> registrations = new ArrayList<>();
    private ContainerBehavior fallback = new TgiContainer();

    void register(Predicate<ContainerSpec> when, ContainerBehavior behavior) {
        registrations.add(new Registration(when, behavior));
    }

    void fallback(ContainerBehavior behavior) {
        fallback = behavior;
    }

    ContainerBehavior resolve(ContainerSpec spec) {
        for (int i = registrations.size() - 1; i >= 0; i--) {
            if (registrations.get(i).when().test(spec)) {
                return registrations.get(i).behavior();
            }
        }
        return fallback;
    }
}
