package dev.ballast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ballast.dsl.ComponentStep;
import dev.ballast.dsl.ComponentEndpointStep;
import dev.ballast.dsl.VariantEndpointStep;
import dev.ballast.dsl.RollingUpdateWaitStep;
import dev.ballast.error.SpecValidationException;
import dev.ballast.spec.AlarmSpec;
import dev.ballast.spec.AutoScalingSpec;
import dev.ballast.spec.BlueGreenSpec;
import dev.ballast.spec.Capacity;
import dev.ballast.spec.ComponentSpec;
import dev.ballast.spec.DataCaptureSpec;
import dev.ballast.spec.ComponentEndpointSpec;
import dev.ballast.spec.InstanceScaling;
import dev.ballast.spec.VariantEndpointSpec;
import dev.ballast.spec.ModelSpec;
import dev.ballast.spec.RollingUpdateSpec;
import dev.ballast.spec.Serverless;
import dev.ballast.spec.TrafficShiftSpec;
import dev.ballast.spec.VariantSpec;
import dev.ballast.spec.Vpc;

/**
 * A rule for every null, proved by reflection: every public method and constructor of the DSL (and
 * of the spec values a user makes by hand) is called with null in each of its reference parameters
 * in turn (and, for a varargs parameter, with an array holding a null), and must answer a
 * {@link SpecValidationException} whose message names the parameter — never a bare
 * NullPointerException. The spec builders, whose generated convention is to take what they are
 * given and report it when the spec is built, must end every null (and every null element of a
 * list, set or map) in a {@code SpecValidationException} from {@code build()}, or in an immediate
 * NullPointerException whose message names the attribute; never in a failure inside validation.
 */
class NullArgumentsTest {

    /** What a DSL method is called on: its type, and an instance for its instance methods (none for a type of static methods). */
    private record Target(Class<?> type, Supplier<Object> instance) {
    }

    private static List<Target> dslTargets() {
        VariantEndpointSpec seed = VariantEndpointSeed.seed();
        return List.of(
                new Target(Endpoint.class, null),
                new Target(ComponentEndpointStep.class, () -> Endpoint.on("ml.g5.2xlarge")),
                new Target(ComponentStep.class, () -> Endpoint.on("ml.g5.2xlarge").component(Component.named("llm"))),
                new Target(VariantEndpointStep.class, () -> Endpoint.serving(Variant.named("v1"))),
                new Target(RollingUpdateWaitStep.class, () -> RollingUpdate.batch(1)),
                new Target(Component.class, () -> Component.named("llm")),
                new Target(Model.class, () -> Model.named("my-model")),
                new Target(Variant.class, () -> Variant.named("v1")),
                new Target(Alarm.class, Alarm::invocations),
                new Target(AutoScaling.class, () -> AutoScaling.between(0, 4)),
                new Target(CustomMetric.class, () -> CustomMetric.named("QueueDepth")),
                new Target(MetricMath.class, () -> MetricMath.of("m1 / m2")),
                new Target(StepScaling.class, () -> StepScaling.on(Alarm.invocations().above(1)).add(1)),
                new Target(BlueGreen.class, BlueGreen::allAtOnce),
                new Target(RollingUpdate.class, () -> RollingUpdate.batch(1).wait(Duration.ofMinutes(2))),
                new Target(TrafficShift.class, () -> TrafficShift.of(seed).to(VariantEndpointSeed.V2)),
                new Target(TrafficShift.Target.class, () -> TrafficShift.of(seed)),
                new Target(DataCapture.class, () -> DataCapture.to("s3://my-bucket/capture/")),
                new Target(Secret.class, null),
                new Target(InstanceType.class, null),
                new Target(Capacity.class, null),
                new Target(Vpc.class, null),
                new Target(Serverless.class, null),
                new Target(InstanceScaling.class, null));
    }

    /** One call: an executable, the receiver, and which argument is null (or holds a null). */
    record Call(Executable executable, Supplier<Object> receiver, int nullAt, boolean nullElement) {

        String parameter() {
            return executable.getParameters()[nullAt].getName();
        }

        Object invoke() throws Throwable {
            Object[] args = new Object[executable.getParameterCount()];
            Parameter[] parameters = executable.getParameters();
            for (int i = 0; i < args.length; i++) {
                if (i != nullAt) {
                    args[i] = sample(parameters[i].getType(), parameters[i].getParameterizedType());
                } else if (nullElement) {
                    args[i] = Array.newInstance(parameters[i].getType().getComponentType(), 1);
                }
            }
            try {
                if (executable instanceof Constructor<?> c) {
                    return c.newInstance(args);
                }
                Method m = (Method) executable;
                return m.invoke(Modifier.isStatic(m.getModifiers()) ? null : receiver.get(), args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        @Override
        public String toString() {
            return executable.getDeclaringClass().getSimpleName() + "." + (executable instanceof Constructor ? "<init>" : executable.getName())
                    + Arrays.stream(executable.getParameterTypes()).map(Class::getSimpleName).toList()
                    + " with " + (nullElement ? "a null element in " : "null for ") + parameter();
        }
    }

    static Stream<Arguments> dslCalls() {
        List<Arguments> calls = new ArrayList<>();
        for (Target t : dslTargets()) {
            List<Executable> executables = new ArrayList<>();
            for (Method m : t.type().getMethods()) {
                boolean own = m.getDeclaringClass() != Object.class && !m.isSynthetic() && !m.isBridge()
                        && !Set.of("equals", "compareTo").contains(m.getName());
                boolean reachable = Modifier.isStatic(m.getModifiers()) ? m.getDeclaringClass() == t.type() : t.instance() != null;
                if (own && reachable) {
                    executables.add(m);
                }
            }
            if (t.type().isRecord()) {
                executables.addAll(Arrays.asList(t.type().getConstructors()));
            }
            executables.sort(Comparator.comparing(Executable::toGenericString));
            for (Executable e : executables) {
                Class<?>[] types = e.getParameterTypes();
                for (int i = 0; i < types.length; i++) {
                    if (types[i].isPrimitive()) {
                        continue;
                    }
                    calls.add(call(new Call(e, t.instance(), i, false)));
                    if (types[i].isArray() && !types[i].getComponentType().isPrimitive()) {
                        calls.add(call(new Call(e, t.instance(), i, true)));
                    }
                }
            }
        }
        return calls.stream();
    }

    private static Arguments call(Call c) {
        return Arguments.of(Named.of(c.toString(), c));
    }

    @Test
    @DisplayName("the parameters' names are in the class files, so a message can name them")
    void parameterNamesArePresent() {
        assertThat(Arrays.stream(Component.class.getMethods()).filter(m -> m.getName().equals("image")).findFirst().orElseThrow()
                .getParameters()[0].isNamePresent()).isTrue();
        assertThat(dslCalls().count()).as("calls checked").isGreaterThan(100);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dslCalls")
    @DisplayName("a DSL method given null answers a SpecValidationException naming the parameter")
    void nullArgumentIsARuleNamingTheParameter(Call call) {
        Throwable thrown = catchThrowable(call::invoke);

        assertThat(thrown).as("a rule, not a bare NullPointerException").isInstanceOf(SpecValidationException.class);
        assertThat(thrown.getMessage()).as("names the parameter")
                .contains(call.parameter() + (call.nullElement() ? "[0]" : "") + " must not be null");
    }

    @Test
    @DisplayName("vpc(null, ..) (issue 12) names subnets")
    void vpcWithNullSubnets() {
        Throwable thrown = catchThrowable(() -> Endpoint.on("ml.g5.2xlarge").vpc(null, List.of("sg-0abc1234")));

        assertThat(thrown).isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("vpc.subnets is missing: subnets must not be null");
    }

    // ---------------------------------------------------------------- builders

    /** A spec builder, holding a valid spec. */
    private record BuilderTarget(Class<?> type, Supplier<Object> builder) {
    }

    private static List<BuilderTarget> builderTargets() {
        ComponentEndpointSpec endpoint = Endpoint.on("ml.g5.2xlarge").scale(1, 4).executionRole(VariantEndpointSeed.ROLE)
                .component(Component.named("llm").image(VariantEndpointSeed.IMAGE).env("A", "b").secretEnv("T", "s").accelerators(1).memoryMb(1024).copies(2))
                .rollingUpdate(RollingUpdate.batch(1).wait(Duration.ofMinutes(2)).rollbackOn(Alarm.invocations().above(1).dimension("D", "v")
                        .namespace("Custom/X")))
                .tag("team", "ml")
                .named("rolling-demo");
        VariantEndpointSpec models = Endpoint.serving(VariantEndpointSeed.v1(VariantEndpointSeed.CANARY), VariantEndpointSeed.v2(VariantEndpointSeed.CANARY))
                .dataCapture(VariantEndpointSeed.capture().csvContentTypes("text/csv"))
                .update(BlueGreen.allAtOnce().bake(Duration.ofMinutes(5)).rollbackOn(VariantEndpointSeed.errors()))
                .retainVariantProperties(dev.ballast.spec.VariantProperty.DESIRED_WEIGHT)
                .instanceLimit(InstanceType.ML_M5_XLARGE, 10)
                .tag("team", "ml")
                .named(VariantEndpointSeed.ENDPOINT);
        TrafficShiftSpec shift = TrafficShift.of(VariantEndpointSeed.seed()).to(VariantEndpointSeed.V2)
                .checkAlarm(VariantEndpointSeed.errors()).checkAlarmNamed("pager").checkMetric(Alarm.modelLatency().above(1)).spec();
        ComponentSpec component = endpoint.components().get(0);
        AlarmSpec alarm = component.rollingUpdate().orElseThrow().rollbackAlarms().get(0);
        return List.of(
                new BuilderTarget(ComponentEndpointSpec.class, () -> ComponentEndpointSpec.builder().from(endpoint)),
                new BuilderTarget(ComponentSpec.class, () -> ComponentSpec.builder().from(component)),
                new BuilderTarget(RollingUpdateSpec.class, () -> RollingUpdateSpec.builder().from(component.rollingUpdate().orElseThrow())),
                new BuilderTarget(AlarmSpec.class, () -> AlarmSpec.builder().from(alarm)),
                new BuilderTarget(VariantEndpointSpec.class, () -> VariantEndpointSpec.builder().from(models)),
                new BuilderTarget(VariantSpec.class, () -> VariantSpec.builder().from(models.variants().get(0))),
                new BuilderTarget(ModelSpec.class, () -> ModelSpec.builder().from(models.models().get(0))),
                new BuilderTarget(BlueGreenSpec.class, () -> BlueGreenSpec.builder().from(models.blueGreen().orElseThrow())),
                new BuilderTarget(DataCaptureSpec.class, () -> DataCaptureSpec.builder().from(models.dataCapture().orElseThrow())),
                new BuilderTarget(AutoScalingSpec.class, () -> AutoScalingSpec.builder().from(AutoScaling.between(1, 4).invocationsPerInstance(70).spec())),
                new BuilderTarget(TrafficShiftSpec.class, () -> TrafficShiftSpec.builder().from(shift)));
    }

    /** One builder call with a null: one argument, or an element, key or value of the only argument. */
    record BuilderCall(BuilderTarget target, Method method, int nullAt, String shape) {

        Object invoke() throws Throwable {
            Object builder = target.builder().get();
            Parameter[] parameters = method.getParameters();
            Object[] args = new Object[parameters.length];
            for (int i = 0; i < args.length; i++) {
                if (i != nullAt) {
                    args[i] = sample(parameters[i].getType(), parameters[i].getParameterizedType());
                } else if (!shape.equals("null")) {
                    args[i] = holdingNull(parameters[i], shape);
                }
            }
            try {
                method.invoke(builder, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            try {
                return validate(builder.getClass().getMethod("build").invoke(builder));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        @Override
        public String toString() {
            return target.type().getSimpleName() + ".Builder." + method.getName()
                    + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).toList() + " with "
                    + (shape.equals("null") ? "null for " : shape + " in ") + method.getParameters()[nullAt].getName();
        }
    }

    /** Nested specs are validated by the spec that holds them: put each into a whole spec. */
    private static Object validate(Object spec) {
        VariantEndpointSpec seed = VariantEndpointSeed.seed();
        if (spec instanceof ComponentSpec c) {
            return ComponentEndpointSpec.builder().name("rolling-demo").instanceType(InstanceType.ML_G5_2XLARGE).executionRoleArn(VariantEndpointSeed.ROLE)
                    .addComponent(c).build();
        }
        if (spec instanceof RollingUpdateSpec r) {
            return VariantEndpointSpec.builder().from(seed).rollingUpdate(r).blueGreen(Optional.empty()).build();
        }
        if (spec instanceof BlueGreenSpec b) {
            return VariantEndpointSpec.builder().from(seed).blueGreen(b).build();
        }
        if (spec instanceof AlarmSpec a) {
            return VariantEndpointSpec.builder().from(seed).blueGreen(BlueGreenSpec.builder().from(BlueGreen.allAtOnce().bake(Duration.ofMinutes(5)).spec())
                    .addRollbackAlarm(a).build()).build();
        }
        if (spec instanceof VariantSpec v) {
            return VariantEndpointSpec.builder().name("e").addVariant(v).build();
        }
        if (spec instanceof ModelSpec m) {
            return VariantEndpointSpec.builder().name("e").addVariant(VariantSpec.builder().name("v").model(m).instanceType(InstanceType.ML_M5_XLARGE)
                    .build()).build();
        }
        if (spec instanceof DataCaptureSpec d) {
            return VariantEndpointSpec.builder().from(seed).dataCapture(d).build();
        }
        if (spec instanceof AutoScalingSpec a) {
            return VariantEndpointSpec.builder().name("e").addVariant(VariantSpec.builder().from(VariantEndpointSeed.v1(VariantEndpointSeed.CANARY).spec())
                    .autoScaling(a).build()).build();
        }
        return spec;
    }

    static Stream<Arguments> builderCalls() {
        List<Arguments> calls = new ArrayList<>();
        for (BuilderTarget t : builderTargets()) {
            Class<?> builderClass = t.builder().get().getClass();
            Method[] methods = builderClass.getMethods();
            Arrays.sort(methods, Comparator.comparing(Method::toGenericString));
            for (Method m : methods) {
                if (m.getDeclaringClass() == Object.class || m.getName().equals("build") || m.getParameterCount() == 0
                        || Arrays.stream(m.getParameterTypes()).allMatch(Class::isPrimitive)) {
                    continue;
                }
                Class<?>[] types = m.getParameterTypes();
                for (int i = 0; i < types.length; i++) {
                    if (types[i].isPrimitive()) {
                        continue;
                    }
                    calls.add(builderCall(new BuilderCall(t, m, i, "null")));
                    if (types.length == 1 && (Iterable.class.isAssignableFrom(types[i]) || types[i].isArray() && !types[i].getComponentType().isPrimitive())) {
                        calls.add(builderCall(new BuilderCall(t, m, i, "a null element")));
                    }
                    if (types.length == 1 && (Map.class.isAssignableFrom(types[i]) || Map.Entry.class.isAssignableFrom(types[i]))) {
                        calls.add(builderCall(new BuilderCall(t, m, i, "a null key")));
                        calls.add(builderCall(new BuilderCall(t, m, i, "a null value")));
                    }
                }
            }
        }
        return calls.stream();
    }

    private static Arguments builderCall(BuilderCall c) {
        return Arguments.of(Named.of(c.toString(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builderCalls")
    @DisplayName("a spec builder given a null ends in a named NullPointerException at once or a SpecValidationException from build()")
    void builderNullIsNamed(BuilderCall call) {
        Throwable thrown = catchThrowable(call::invoke);

        if (thrown == null) {
            return; // the null stands for an absent value with a default: nothing to report
        }
        if (thrown instanceof NullPointerException npe) {
            assertThat(Arrays.stream(npe.getStackTrace()).map(StackTraceElement::getClassName))
                    .as("thrown at the builder call, not by building or validating: %s", npe)
                    .noneMatch(c -> c.startsWith("dev.ballast.internal.validation") || c.startsWith("dev.ballast.spec.") && !c.endsWith("$Builder"));
            assertThat(npe.getMessage()).as("a message").isNotBlank();
            if (generatedWithoutName(call)) {
                return; // the JDK's message: the generated code names no parameter here (see generatedWithoutName)
            }
            assertThat(npe.getMessage()).as("names the attribute or parameter")
                    .containsAnyOf(call.method().getParameters()[call.nullAt()].getName(), attribute(call.method().getName()));
            return;
        }
        assertThat(thrown).isInstanceOf(SpecValidationException.class);
        assertThat(thrown.getMessage()).containsAnyOf("must not be null", "is required", "has a null key", "is missing");
    }

    /**
     * The two cases where the code Immutables generates fails with the JDK's own message, which
     * names no parameter, and which a hand-written class cannot intercept (the generated methods
     * are final): a null varargs array ({@code addComponents((ComponentSpec[]) null)}), and a null
     * element of an enum set ({@code modes}, {@code excludedRetainedProperties}), which goes
     * straight into an {@link java.util.EnumSet}. Both fail at the call, never later.
     */
    private static boolean generatedWithoutName(BuilderCall call) {
        Class<?> type = call.method().getParameterTypes()[call.nullAt()];
        boolean nullArray = type.isArray() && call.shape().equals("null");
        boolean enumElement = !call.shape().equals("null") && Arrays.stream(call.method().getGenericParameterTypes())
                .map(Object::toString).anyMatch(t -> t.contains("CaptureMode") || t.contains("VariantProperty"))
                || type.isEnum() && call.shape().equals("null") && call.method().getName().startsWith("add");
        return nullArray || enumElement;
    }

    /** {@code putSecretEnvironment} sets {@code secretEnvironment}, {@code addAllVariants} {@code variants}: the attribute, roughly. */
    private static String attribute(String method) {
        String s = method.replaceFirst("^(putAll|addAll|put|add)", "");
        return s.isEmpty() ? method : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    // ---------------------------------------------------------------- samples

    private static Object holdingNull(Parameter p, String shape) {
        Class<?> type = p.getType();
        Type generic = p.getParameterizedType();
        if (type.isArray()) {
            return Array.newInstance(type.getComponentType(), 1);
        }
        if (Map.Entry.class.isAssignableFrom(type)) {
            Type[] kv = typeArguments(generic);
            return shape.equals("a null key") ? new AbstractMap.SimpleEntry<>(null, sample(raw(kv[1]), kv[1]))
                    : new AbstractMap.SimpleEntry<>(sample(raw(kv[0]), kv[0]), null);
        }
        if (Map.class.isAssignableFrom(type)) {
            Type[] kv = typeArguments(generic);
            Map<Object, Object> map = new HashMap<>();
            if (shape.equals("a null key")) {
                map.put(null, sample(raw(kv[1]), kv[1]));
            } else {
                map.put(sample(raw(kv[0]), kv[0]), null);
            }
            return map;
        }
        List<Object> list = new ArrayList<>();
        list.add(null);
        return list;
    }

    private static Type[] typeArguments(Type generic) {
        return generic instanceof ParameterizedType pt ? pt.getActualTypeArguments() : new Type[] {String.class, String.class};
    }

    private static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType pt) {
            return (Class<?>) pt.getRawType();
        }
        if (t instanceof WildcardType w) {
            return raw(w.getUpperBounds()[0]);
        }
        return Object.class;
    }

    /** A valid value of a type, for the arguments that are not null. */
    static Object sample(Class<?> type, Type generic) {
        if (type == int.class || type == Integer.class) {
            return 1;
        }
        if (type == double.class || type == Double.class) {
            return 1.0;
        }
        if (type == boolean.class || type == Boolean.class) {
            return false;
        }
        if (type == long.class || type == Long.class) {
            return 1L;
        }
        if (type == String.class || type == Object.class) {
            return "x";
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (type.isArray()) {
            return Array.newInstance(type.getComponentType(), 0);
        }
        if (type == Optional.class) {
            return Optional.empty();
        }
        if (type == List.class || type == Iterable.class || type == Collection.class) {
            return List.of();
        }
        if (type == Set.class) {
            return Set.of();
        }
        if (type == Map.class) {
            return Map.of();
        }
        if (type == Duration.class) {
            return Duration.ofMinutes(2);
        }
        if (type == InstanceType.class) {
            return InstanceType.ML_M5_XLARGE;
        }
        if (type == Secret.class) {
            return Secret.of("s");
        }
        if (type == Capacity.class) {
            return Capacity.count(1);
        }
        if (type == Component.class) {
            return Component.named("llm");
        }
        if (type == Model.class) {
            return Model.named("my-model");
        }
        if (type == Variant.class) {
            return Variant.named("v2");
        }
        if (type == Alarm.class) {
            return Alarm.invocations();
        }
        if (type == AutoScaling.class) {
            return AutoScaling.between(0, 4);
        }
        if (type == CustomMetric.class) {
            return CustomMetric.named("QueueDepth").namespace("Custom/LLM");
        }
        if (type == BlueGreen.class) {
            return BlueGreen.allAtOnce();
        }
        if (type == RollingUpdate.class) {
            return RollingUpdate.batch(1).wait(Duration.ofMinutes(2));
        }
        if (type == DataCapture.class) {
            return DataCapture.to("s3://my-bucket/capture/");
        }
        if (type == VariantEndpointSpec.class) {
            return VariantEndpointSeed.seed();
        }
        if (type == AlarmSpec.class) {
            return Alarm.invocations().above(1).spec();
        }
        if (type == VariantSpec.class) {
            return VariantEndpointSeed.v2(VariantEndpointSeed.CANARY).spec();
        }
        if (type == ComponentSpec.class) {
            return Component.named("embed").spec();
        }
        throw new IllegalArgumentException("no sample of " + type + " (" + generic + ")");
    }
}
