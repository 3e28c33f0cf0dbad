package dev.ballast.testkit.junit;

import dev.ballast.Ballast;
import dev.ballast.engine.BallastEngine;
import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.FakeTimings;
import dev.ballast.testkit.VirtualClock;
import dev.ballast.testkit.internal.sim.TimelinePicture;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives each test its own {@link FakeSageMaker} (and each class one for
 * static fields), injecting fields and parameters of type {@code FakeSageMaker},
 * {@link VirtualClock} and {@link Ballast} (or {@link BallastEngine}): the engine is bound to the
 * injected world and runs on its clock, one engine per world.
 *
 * <p>Declarative use: {@link BallastTest @BallastTest}. Programmatic use, for custom settings, on
 * an instance field (a fresh world per test) or a static one (also one world per class for static
 * fields and {@code @BeforeAll} parameters):
 * <pre>{@code
 * @RegisterExtension
 * BallastExtension extension = BallastExtension.builder()
 *         .timings(FakeTimings.defaults().toBuilder().instanceLaunch(Duration.ofMinutes(2)).build())
 *         .configure(fake -> fake.givenInstanceCapacity("ml.g5.2xlarge", 3))
 *         .engine(engine -> engine.listener(events::add))
 *         .build();
 *
 * FakeSageMaker fake;     // injected before each test
 * Ballast ballast;        // bound to that fake, on its clock
 * }</pre>
 * <p>When a test that used a world fails (in the test method or an {@code @AfterEach} method), the
 * extension draws the world's timeline as a page,
 * {@code target/ballast-timelines/<class>/<test>.html} (relative to the working directory, the
 * module's directory under Maven), and names it in the failure: a suppressed exception
 * {@code timeline of the fake: <path>} under the test's own, which Surefire and IDEs print with it.
 * The page shows every endpoint, variant and component of the world on the simulated clock, with
 * alarm states and rollbacks (see {@link dev.ballast.DeploymentTimeline}); it carries no secret.
 *
 * <p>Worlds live in the {@link ExtensionContext.Store}; misuse (a {@code final} target field, both
 * styles at once, static target fields with an instance-field registration) fails fast naming
 * the field and the fix.
 */
public final class BallastExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver,
        TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    private static final Namespace NAMESPACE = Namespace.create(BallastExtension.class);
    private static final String WORLD = "world";
    private static final String OWNER = "owner";

    private final Consumer<FakeSageMaker.Builder> settings;
    private final Consumer<FakeSageMaker> configuration;
    private final Consumer<BallastEngine.Builder> engineSettings;
    /**
     * What this extension injected, so that a test instance reused by the next test
     * ({@code @TestInstance(PER_CLASS)}) gets that test's world instead of failing as initialised.
     */
    private final Set<Object> injected = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    /**
     * Extension with default worlds and engines; what {@link BallastTest} registers.
     *
     * <pre>{@code @ExtendWith(BallastExtension.class) class MyTest { FakeSageMaker fake; }}</pre>
     */
    public BallastExtension() {
        this(b -> { }, f -> { }, e -> { });
    }

    private BallastExtension(Consumer<FakeSageMaker.Builder> settings, Consumer<FakeSageMaker> configuration,
                             Consumer<BallastEngine.Builder> engineSettings) {
        this.settings = settings;
        this.configuration = configuration;
        this.engineSettings = engineSettings;
    }

    /**
     * A builder for programmatic registration.
     *
     * <pre>{@code @RegisterExtension BallastExtension extension = BallastExtension.builder().seed(7).build();}</pre>
     *
     * @return a builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Claims the class for this extension and injects static fields with the class's world.
     * Called by JUnit for {@code @BallastTest} and static-field registrations only.
     *
     * @param context the class's context
     */
    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        claim(context);
        if (hasTargetFields(testClass, true)) {
            inject(testClass, null, stored(context), true);
        }
    }

    /**
     * Claims the test for this extension and injects the instance fields with the test's own world.
     *
     * @param context the test's context
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        boolean classLevel = context.getParent().map(parent -> parent.getStore(NAMESPACE).get(OWNER) != null).orElse(false);
        claim(context);
        Class<?> testClass = context.getRequiredTestClass();
        if (!classLevel && hasTargetFields(testClass, true)) {
            // Registered on an instance field: JUnit calls no beforeAll, so static fields would stay null.
            throw new ExtensionConfigurationException(testClass.getSimpleName() + " has static fields to inject ("
                    + targetFieldNames(testClass, true) + ") but registers BallastExtension on an instance field,"
                    + " which JUnit gives no class-level callback: make the @RegisterExtension field static, or use"
                    + " @BallastTest, or make those fields instance fields.");
        }
        StoredWorld world = stored(context);
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            inject(instance.getClass(), instance, world, false);
        }
    }

    /**
     * Whether the parameter is one this extension injects.
     *
     * @param parameter the parameter
     * @param context the current context
     * @return {@code true} for {@code FakeSageMaker}, {@code VirtualClock}, {@code Ballast} and
     *     {@code BallastEngine} parameters
     */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return isTargetType(parameter.getParameter().getType());
    }

    /**
     * The world (or its clock, or its engine) of the context: the test's for test methods and
     * {@code @BeforeEach}, the class's for {@code @BeforeAll}.
     *
     * @param parameter the parameter
     * @param context the current context
     * @return the value to inject
     */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return stored(context).valueFor(parameter.getParameter().getType());
    }

    /**
     * The world of a context, for another extension or a test that holds the context.
     *
     * <pre>{@code FakeSageMaker fake = extension.fake(context);}</pre>
     *
     * @param context the current extension context
     * @return the world of that context (the test's, or the class's in class-level callbacks)
     */
    public FakeSageMaker fake(ExtensionContext context) {
        return stored(context).fake;
    }

    /**
     * The engine bound to the world of a context (built on first use, with the settings of
     * {@link Builder#engine(Consumer)}).
     *
     * <pre>{@code Ballast ballast = extension.engine(context);}</pre>
     *
     * @param context the current extension context
     * @return the engine of that context's world; the same instance on every call
     */
    public BallastEngine engine(ExtensionContext context) {
        return stored(context).engine();
    }

    /**
     * Writes the timeline page of the failed test's world and names it in the failure, then
     * rethrows the failure.
     *
     * @param context the test's context
     * @param throwable what the test threw
     * @throws Throwable the same throwable, with the page named in a suppressed exception
     */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw withTimeline(context, throwable);
    }

    /**
     * As {@link #handleTestExecutionException}, for an {@code @AfterEach} method that failed (where
     * assertions on a deployment often sit).
     *
     * @param context the test's context
     * @param throwable what the method threw
     * @throws Throwable the same throwable, with the page named in a suppressed exception
     */
    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw withTimeline(context, throwable);
    }

    /** Writes the page of the world the test used, if it used one; a page that cannot be written is said instead. */
    private Throwable withTimeline(ExtensionContext context, Throwable failure) {
        FakeSageMaker fake = usedWorld(context);
        if (fake == null) {
            return failure;
        }
        Class<?> testClass = context.getRequiredTestClass();
        String className = testClass.getName().substring(testClass.getPackageName().isEmpty() ? 0 : testClass.getPackageName().length() + 1);
        String test = context.getTestMethod().map(java.lang.reflect.Method::getName).orElse("test") + invocation(context.getUniqueId());
        Path page = Path.of("target", "ballast-timelines", safe(className), safe(test) + ".html").toAbsolutePath().normalize();
        Exception note;
        try {
            TimelinePicture.of(testClass.getSimpleName() + "." + test + " failed: the fake's timeline", fake.timeline().events())
                    .writeHtml(page);
            note = new Exception("timeline of the fake: " + page);
        } catch (RuntimeException e) {
            note = new Exception("timeline of the fake: not written to " + page + ": " + e.getMessage());
        }
        // the page is the news here, not where this note was made
        note.setStackTrace(new StackTraceElement[0]);
        failure.addSuppressed(note);
        return failure;
    }

    /** @return the world the test used: its own if it has one, else its class's; {@code null} when it used none */
    private static FakeSageMaker usedWorld(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            StoredWorld world = c.getStore(NAMESPACE).get(WORLD + ":" + c.getUniqueId(), StoredWorld.class);
            if (world != null) {
                return world.fake;
            }
        }
        return null;
    }

    /** @return {@code -3} for the third invocation of a parameterized or repeated test, empty otherwise */
    private static String invocation(String uniqueId) {
        int at = uniqueId.lastIndexOf("-invocation:#");
        return at < 0 ? "" : "-" + uniqueId.substring(at + "-invocation:#".length()).replaceAll("[^0-9].*", "");
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._$-]", "_");
    }

    private StoredWorld stored(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        // keyed by context id: the store looks up parents, and a test must not see its class's world
        return store.getOrComputeIfAbsent(WORLD + ":" + context.getUniqueId(), key -> new StoredWorld(newWorld(), engineSettings),
                StoredWorld.class);
    }

    private FakeSageMaker newWorld() {
        FakeSageMaker.Builder builder = FakeSageMaker.builder();
        settings.accept(builder);
        FakeSageMaker fake = builder.build();
        configuration.accept(fake);
        return fake;
    }

    /**
     * Fails when a second BallastExtension (both styles at once, or two fields) serves the same
     * test. The owner is kept in the context's store: the class's for class-level registrations
     * ({@code @BallastTest}, a static field), the test's for an instance field — JUnit builds an
     * instance-field extension anew for every test, so each test has its own owner. A lookup from
     * a test's store also sees its class's owner, which is how both styles at once are caught.
     */
    private void claim(ExtensionContext context) {
        Object owner = context.getStore(NAMESPACE).getOrComputeIfAbsent(OWNER, key -> this);
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

    private static String targetFieldNames(Class<?> type, boolean statics) {
        StringBuilder names = new StringBuilder();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (isTarget(field) && Modifier.isStatic(field.getModifiers()) == statics) {
                    names.append(names.length() == 0 ? "" : ", ").append(c.getSimpleName()).append('.').append(field.getName());
                }
            }
        }
        return names.toString();
    }

    private static boolean isTarget(Field field) {
        return isTargetType(field.getType());
    }

    private static boolean isTargetType(Class<?> type) {
        return type == FakeSageMaker.class || type == VirtualClock.class || type == Ballast.class
                || type == BallastEngine.class;
    }

    private void inject(Class<?> type, Object instance, StoredWorld world, boolean statics) {
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
                    Object current = field.get(instance);
                    if (current != null && !injected.contains(current)) {
                        throw new ExtensionConfigurationException("Field " + name + " is already initialised;"
                                + " BallastExtension injects it: remove the initialiser, or give the field another"
                                + " type if you build your own world.");
                    }
                    Object value = world.valueFor(field.getType());
                    injected.add(value);
                    field.set(instance, value);
                } catch (IllegalAccessException | RuntimeException e) {
                    if (e instanceof ExtensionConfigurationException config) {
                        throw config;
                    }
                    throw new ExtensionConfigurationException("Cannot inject into field " + name + ": " + e, e);
                }
            }
        }
    }

    /**
     * A world and its engine (built on first use) in the JUnit store; closed with its context
     * (JUnit 5.13+ closes AutoCloseable values).
     */
    private static final class StoredWorld implements AutoCloseable {
        private final FakeSageMaker fake;
        private final Consumer<BallastEngine.Builder> engineSettings;
        private BallastEngine engine;

        private StoredWorld(FakeSageMaker fake, Consumer<BallastEngine.Builder> engineSettings) {
            this.fake = fake;
            this.engineSettings = engineSettings;
        }

        private synchronized BallastEngine engine() {
            if (engine == null) {
                engine = fake.engine(engineSettings);
            }
            return engine;
        }

        private Object valueFor(Class<?> type) {
            if (type == VirtualClock.class) {
                return fake.clock();
            }
            return type == Ballast.class || type == BallastEngine.class ? engine() : fake;
        }

        @Override
        public void close() {
            fake.close();
        }
    }

    /**
     * Builds a programmatically registered {@link BallastExtension}.
     *
     * <pre>{@code @RegisterExtension BallastExtension extension = BallastExtension.builder().seed(7).build();}</pre>
     */
    public static final class Builder {
        private Consumer<FakeSageMaker.Builder> settings = b -> { };
        private Consumer<FakeSageMaker> configuration = f -> { };
        private Consumer<BallastEngine.Builder> engineSettings = e -> { };

        private Builder() {
        }

        /**
         * The region of every world (default {@code us-east-1}).
         *
         * <pre>{@code BallastExtension.builder().region("eu-west-1").build();}</pre>
         *
         * @param region the region of ARNs and messages
         * @return this builder
         */
        public Builder region(String region) {
            Objects.requireNonNull(region, "region");
            settings = settings.andThen(b -> b.region(region));
            return this;
        }

        /**
         * The simulated durations of every world.
         *
         * <pre>{@code BallastExtension.builder().timings(FakeTimings.defaults().toBuilder()
         *         .instanceLaunch(Duration.ofMinutes(2)).build()).build();}</pre>
         *
         * @param timings the timings
         * @return this builder
         */
        public Builder timings(FakeTimings timings) {
            Objects.requireNonNull(timings, "timings");
            settings = settings.andThen(b -> b.timings(timings));
            return this;
        }

        /**
         * The random seed of every world (routing, request ids).
         *
         * <pre>{@code BallastExtension.builder().seed(7).build();}</pre>
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            settings = settings.andThen(b -> b.seed(seed));
            return this;
        }

        /**
         * Any other {@link FakeSageMaker.Builder} setting of every world.
         *
         * <pre>{@code BallastExtension.builder().settings(b -> b.accountId("210987654321")).build();}</pre>
         *
         * @param more settings applied to each world's builder
         * @return this builder
         */
        public Builder settings(Consumer<FakeSageMaker.Builder> more) {
            settings = settings.andThen(Objects.requireNonNull(more, "more"));
            return this;
        }

        /**
         * {@code given...} calls applied to every new world (capacity, containers).
         *
         * <pre>{@code BallastExtension.builder().configure(fake -> fake.givenNoCapacity("ml.g5.2xlarge")).build();}</pre>
         *
         * @param script the script
         * @return this builder
         */
        public Builder configure(Consumer<FakeSageMaker> script) {
            configuration = configuration.andThen(Objects.requireNonNull(script, "script"));
            return this;
        }

        /**
         * Settings of the injected engine (the {@code Ballast} of each world), applied to
         * {@link FakeSageMaker#engineBuilder()}: listeners, watch and retry settings.
         *
         * <pre>{@code BallastExtension.builder().engine(b -> b.listener(events::add)).build();}</pre>
         *
         * @param more engine settings; called once per world whose engine is injected
         * @return this builder
         */
        public Builder engine(Consumer<BallastEngine.Builder> more) {
            engineSettings = engineSettings.andThen(Objects.requireNonNull(more, "more"));
            return this;
        }

        /**
         * The extension, to register with {@code @RegisterExtension}.
         *
         * <pre>{@code @RegisterExtension BallastExtension extension = BallastExtension.builder().region("eu-west-1").build();}</pre>
         *
         * @return the extension
         */
        public BallastExtension build() {
            return new BallastExtension(settings, configuration, engineSettings);
        }
    }
}
