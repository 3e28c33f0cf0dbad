package dev.ballast.engine.internal.run;

import dev.ballast.spec.ComponentSpec;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.VariantEndpointSpec;
import java.util.Optional;
import java.util.Set;

/**
 * What the plan runner needs to know of the spec it carries out, for either kind of endpoint:
 * which configuration the endpoint should run, the component a resource stands for, and which
 * alarms roll an update of a resource back.
 */
public interface Subject {

    /** @return the endpoint's name */
    String endpointName();

    /** @return the endpoint configuration the spec needs */
    String endpointConfigName();

    /**
     * @param resource {@code inference-component/<name>} or another resource
     * @return the component spec the resource stands for, if it is one of the spec's components
     */
    Optional<ComponentSpec> component(String resource);

    /**
     * @param resource a resource of the spec
     * @return the CloudWatch names of the alarms that roll an update of it back
     */
    Set<String> rollbackAlarms(String resource);

    /**
     * @return an execution role SageMaker accepts in an endpoint configuration of the account, for
     *     the endpoint's lease; empty when the spec names none
     */
    Optional<String> leaseRole();

    /** @return an instance type of the spec, for the lease's (never deployed) variant */
    String leaseInstanceType();

    /**
     * @return whether the endpoint hosts inference components: its plans read of the endpoint
     *     only its status and configuration (its instances for a surge estimate)
     */
    default boolean hostsComponents() {
        return false;
    }

    /** @return the subject of an endpoint that hosts inference components */
    static Subject of(ComponentEndpointSpec spec) {
        return new Subject() {
            @Override
            public boolean hostsComponents() {
                return true;
            }

            @Override
            public String endpointName() {
                return spec.name();
            }

            @Override
            public String endpointConfigName() {
                return spec.endpointConfigName();
            }

            @Override
            public Optional<ComponentSpec> component(String resource) {
                return resource.startsWith("inference-component/")
                        ? spec.component(resource.substring(resource.indexOf('/') + 1)) : Optional.empty();
            }

            @Override
            public Set<String> rollbackAlarms(String resource) {
                return component(resource).map(c -> spec.rollbackAlarmNames(c.name())).orElse(Set.of());
            }

            @Override
            public Optional<String> leaseRole() {
                return spec.executionRoleArn();
            }

            @Override
            public String leaseInstanceType() {
                return spec.instanceType().name();
            }
        };
    }

    /** @return the subject of an endpoint of model-based variants: its updates are rolled back by the spec's alarms */
    static Subject of(VariantEndpointSpec spec) {
        return new Subject() {
            @Override
            public String endpointName() {
                return spec.name();
            }

            @Override
            public String endpointConfigName() {
                return spec.endpointConfigName();
            }

            @Override
            public Optional<ComponentSpec> component(String resource) {
                return Optional.empty();
            }

            @Override
            public Set<String> rollbackAlarms(String resource) {
                return resource.equals("endpoint/" + spec.name()) ? spec.rollbackAlarmNames() : Set.of();
            }

            @Override
            public Optional<String> leaseRole() {
                return spec.models().stream().map(m -> m.executionRoleArn()).flatMap(Optional::stream).findFirst();
            }

            @Override
            public String leaseInstanceType() {
                return spec.variants().stream().map(v -> v.instanceType()).flatMap(Optional::stream).findFirst()
                        .map(t -> t.name()).orElse("ml.m5.large");
            }
        };
    }
}
