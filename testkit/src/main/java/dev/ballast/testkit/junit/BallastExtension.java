package dev.ballast.testkit.junit;

import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.FakeTimings;
import dev.ballast.testkit.VirtualClock;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives each test its own {@link FakeSageMaker} (and each class one for
 * static fields), injecting fields and parameters of type {@code FakeSageMaker} and
 * {@link VirtualClock}.
 *
 * <p>Declarative use: {@link BallastTest @BallastTest}. Programmatic use, for custom settings:
 * <pre>{@code
 * @RegisterExtension
 * BallastExtension ballast = BallastExtension.builder()
 *         .timings(FakeTimings.defaults().toBuilder().instanceLaunch(Duration.ofMinutes(2)).build())
 *         .configure(fake -> fake.givenInstanceCapacity("ml.g5.2xlarge", 3))
 *         .build();
 * }</pre>
 * Worlds live in the {@link ExtensionContext.Store}; misuse (a {@code final} target field, both
 * styles at once) fails fast naming the field and the fix.
 */
public final class BallastExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(BallastExtension.class);
    private static final String WORLD = "world";
    private static final String OWNER = "owner";

    private final Consumer<FakeSageMaker.Builder> settings;
    private final Consumer<FakeSageMaker> configuration;

    /** Extension with default worlds; used by {@link BallastTest}. */
    public BallastExtension() {
        this(b -> { }, f -> { });
    }

    private BallastExtension(Consumer<FakeSageMaker.Builder> settings, Consumer<FakeSageMaker> configuration) {
        this.settings = settings;
        this.configuration = configuration;
    }

    /** @return a builder for programmatic registration */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        claim(context);
        if (hasTargetFields(testClass, true)) {
            inject(testClass, null, worldOf(context), true);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        claim(context);
        FakeSageMaker fake = worldOf(context);
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            inject(instance.getClass(), instance, fake, false);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == FakeSageMaker.class || type == VirtualClock.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        FakeSageMaker fake = worldOf(context);
        return parameter.getParameter().getType() == VirtualClock.class ? fake.clock() : fake;
    }

    /**
     * @param context the current extension context
     * @return the world of that context (the test's, or the class's in class-level callbacks)
     */
    public FakeSageMaker fake(ExtensionContext context) {
        return worldOf(context);
    }

    private FakeSageMaker worldOf(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        // keyed by context id: the store looks up parents, and a test must not see its class's world
        StoredWorld stored = store.getOrComputeIfAbsent(WORLD + ":" + context.getUniqueId(),
                key -> new StoredWorld(newWorld()), StoredWorld.class);
        return stored.fake;
    }

    private FakeSageMaker newWorld() {
        FakeSageMaker.Builder builder = FakeSageMaker.builder();
        settings.accept(builder);
        FakeSageMaker fake = builder.build();
        configuration.accept(fake);
        return fake;
    }

    /** Fails when a second BallastExtension (both styles at once) serves the same test class. */
    private void claim(ExtensionContext context) {
        ExtensionContext classContext = context.getTestClass().isPresent() && context.getTestMethod().isPresent()
                ? context.getParent().orElse(context) : context;
        Object owner = classContext.getStore(NAMESPACE).getOrComputeIfAbsent(OWNER, key -> this);
        if (owner != this) {
            throw new ExtensionConfigurationException("BallastExtension is registered twice on "
                    + context.getRequiredTestClass().getName() + ": use either @BallastTest or one"
                    + " @RegisterExtension BallastExtension field, not both.");
        }
    }

    private static boolean hasTargetFields(Class<?> type, boolean statics) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (isTarget(field) && Modifier.isStatic(field.getModifiers()) == statics) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isTarget(Field field) {
        return field.getType() == FakeSageMaker.class || field.getType() == VirtualClock.class;
    }

    private static void inject(Class<?> type, Object instance, FakeSageMaker fake, boolean statics) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (!isTarget(field) || Modifier.isStatic(field.getModifiers()) != statics) {
                    continue;
                }
                String name = c.getSimpleName() + "." + field.getName();
                if (Modifier.isFinal(field.getModifiers())) {
                    throw new ExtensionConfigurationException("Field " + name + " is final, so BallastExtension"
                            + " cannot inject a " + field.getType().getSimpleName() + " into it: remove 'final'"
                            + " (or do not declare the field and take a parameter instead).");
                }
                try {
                    field.setAccessible(true);
                    if (field.get(instance) != null) {
                        throw new ExtensionConfigurationException("Field " + name + " is already initialised;"
                                + " BallastExtension injects it: remove the initialiser, or give the field another"
                                + " type if you build your own world.");
                    }
                    field.set(instance, field.getType() == VirtualClock.class ? fake.clock() : fake);
                } catch (IllegalAccessException | RuntimeException e) {
                    if (e instanceof ExtensionConfigurationException config) {
                        throw config;
                    }
                    throw new ExtensionConfigurationException("Cannot inject into field " + name + ": " + e, e);
                }
            }
        }
    }

    /** A world in the JUnit store; closed with its context (JUnit 5.13+ closes AutoCloseable values). */
    private static final class StoredWorld implements AutoCloseable {
        private final FakeSageMaker fake;

        private StoredWorld(FakeSageMaker fake) {
            this.fake = fake;
        }

        @Override
        public void close() {
            fake.close();
        }
    }

    /** Builds a programmatically registered {@link BallastExtension}. */
    public static final class Builder {
        private Consumer<FakeSageMaker.Builder> settings = b -> { };
        private Consumer<FakeSageMaker> configuration = f -> { };

        private Builder() {
        }

        /** @param region the region of every world */
        public Builder region(String region) {
            Objects.requireNonNull(region, "region");
            settings = settings.andThen(b -> b.region(region));
            return this;
        }

        /** @param timings the timings of every world */
        public Builder timings(FakeTimings timings) {
            Objects.requireNonNull(timings, "timings");
            settings = settings.andThen(b -> b.timings(timings));
            return this;
        }

        /** @param seed the random seed of every world */
        public Builder seed(long seed) {
            settings = settings.andThen(b -> b.seed(seed));
            return this;
        }

        /** @param more any other {@link FakeSageMaker.Builder} settings */
        public Builder settings(Consumer<FakeSageMaker.Builder> more) {
            settings = settings.andThen(Objects.requireNonNull(more, "more"));
            return this;
        }

        /** @param script {@code given...} calls applied to every new world (capacity, containers) */
        public Builder configure(Consumer<FakeSageMaker> script) {
            configuration = configuration.andThen(Objects.requireNonNull(script, "script"));
            return this;
        }

        /** @return the extension */
        public BallastExtension build() {
            return new BallastExtension(settings, configuration);
        }
    }
}
