package dev.ballast.validation;

import static dev.ballast.RollingUpdate.batch;
import static dev.ballast.validation.SeedSpecs.ALARM;
import static dev.ballast.validation.SeedSpecs.ENDPOINT;
import static dev.ballast.validation.SeedSpecs.IMAGE;
import static dev.ballast.validation.SeedSpecs.ROLE;
import static dev.ballast.validation.SeedSpecs.deploy;
import static dev.ballast.validation.SeedSpecs.deployWithAlarm;
import static dev.ballast.validation.SeedSpecs.endpoint;
import static dev.ballast.validation.SeedSpecs.errors;
import static dev.ballast.validation.SeedSpecs.llm;
import static dev.ballast.validation.SeedSpecs.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ballast.Alarm;
import dev.ballast.AutoScaling;
import dev.ballast.BlueGreen;
import dev.ballast.Component;
import dev.ballast.DataCapture;
import dev.ballast.Endpoint;
import dev.ballast.Model;
import dev.ballast.VariantEndpointSeed;
import dev.ballast.Secret;
import dev.ballast.TrafficShift;
import dev.ballast.Variant;
import dev.ballast.error.SpecValidationException;
import dev.ballast.error.Violation;

/**
 * Hostile values in every string field of the DSL: a line feed, a carriage return, a tab, NUL, a
 * line separator (U+2028), a lone high and a lone low surrogate, a 1 MB string and an emoji. Each
 * is put into an otherwise valid value of one field of a valid seed spec (the middle of the value;
 * the 1 MB string is appended), and the spec must be refused before any call, with a violation at
 * that field, exactly where the service's rule refuses it (the API model's pattern matched whole,
 * CloudWatch's documented character rules, and no unpaired surrogate anywhere, since no request can
 * carry one); and accepted where the service accepts it (an environment value may hold a line
 * feed, an alarm name an emoji). Every refusal's message is bounded and holds no raw control
 * character, line separator or unpaired surrogate.
 */
class HostileInputCorpusTest {

    private static final String MEGABYTE = "a".repeat(1 << 20);
    private static final Duration TWO_MINUTES = Duration.ofSeconds(120);

    /** A hostile value: what it does to a valid value. */
    enum Hostile {
        LINE_FEED("\n"), CARRIAGE_RETURN("\r"), TAB("\t"), NUL("\u0000"), LINE_SEPARATOR("\u2028"),
        LONE_HIGH_SURROGATE("\uD800"), LONE_LOW_SURROGATE("\uDC00"), ONE_MEGABYTE(null), EMOJI("\uD83D\uDE00");

        private final String inserted;

        Hostile(String inserted) {
            this.inserted = inserted;
        }

        String into(String valid) {
            if (inserted == null) {
                return valid + MEGABYTE;
            }
            int middle = valid.length() / 2;
            return valid.substring(0, middle) + inserted + valid.substring(middle);
        }
    }

    /** Which hostile values a field's service accepts. */
    enum Accepts {
        /** Names, ids, ARNs, keys, tags, namespaces, dimensions, policy names, content types, image URIs: none. */
        NOTHING(EnumSet.noneOf(Hostile.class)),
        /** Alarm names, metric names, S3 URIs: printable Unicode, so an emoji. */
        EMOJI(EnumSet.of(Hostile.EMOJI)),
        /** Environment values (any character, {@code [\S\s]*}) and alarm descriptions (XML text): lines and tabs too. */
        TEXT(EnumSet.of(Hostile.LINE_FEED, Hostile.CARRIAGE_RETURN, Hostile.TAB, Hostile.LINE_SEPARATOR, Hostile.EMOJI));

        private final Set<Hostile> accepted;

        Accepts(Set<Hostile> accepted) {
            this.accepted = accepted;
        }
    }

    /** One string field of the DSL: a valid value, how a spec is built with a value there, and where a violation of it is reported. */
    record Field(String valid, Accepts accepts, Function<String, Object> build, String pathStart, String pathEnd, String orPath) {
    }

    private static Arguments field(String name, String valid, Accepts accepts, Function<String, Object> build, String path) {
        return field(name, valid, accepts, build, path, "");
    }

    private static Arguments field(String name, String valid, Accepts accepts, Function<String, Object> build, String pathStart, String pathEnd) {
        return field(name, valid, accepts, build, pathStart, pathEnd, null);
    }

    private static Arguments field(String name, String valid, Accepts accepts, Function<String, Object> build, String pathStart, String pathEnd,
            String orPath) {
        return Arguments.of(Named.of(name, new Field(valid, accepts, build, pathStart, pathEnd, orPath)));
    }

    static Stream<Arguments> fields() {
        String canary = VariantEndpointSeed.CANARY;
        return Stream.of(
                // ---- an endpoint of inference components
                field("Endpoint.on(instanceType)", "ml.g5.2xlarge", Accepts.NOTHING,
                        v -> Endpoint.on(v).scale(1, 4).executionRole(ROLE).component(llm()).rollingUpdate(policy()).named(ENDPOINT), "instanceType"),
                field("executionRole(roleArn)", ROLE, Accepts.NOTHING,
                        v -> Endpoint.on("ml.g5.2xlarge").scale(1, 4).executionRole(v).component(llm()).rollingUpdate(policy()).named(ENDPOINT),
                        "executionRole"),
                field("vpc(subnets, ..)", "subnet-0abc1234", Accepts.NOTHING,
                        v -> endpoint().vpc(List.of(v), List.of("sg-0abc1234")).component(llm()).rollingUpdate(policy()).named(ENDPOINT),
                        "vpc.subnets[0]"),
                field("vpc(.., securityGroupIds)", "sg-0abc1234", Accepts.NOTHING,
                        v -> endpoint().vpc(List.of("subnet-0abc1234"), List.of(v)).component(llm()).rollingUpdate(policy()).named(ENDPOINT),
                        "vpc.securityGroupIds[0]"),
                field("kmsKey(keyId)", VariantEndpointSeed.KMS_KEY, Accepts.NOTHING,
                        v -> endpoint().kmsKey(v).component(llm()).rollingUpdate(policy()).named(ENDPOINT), "kmsKey"),
                field("tag(key, ..)", "team", Accepts.NOTHING,
                        v -> endpoint().tag(v, "ml").component(llm()).rollingUpdate(policy()).named(ENDPOINT), "tags[", "].key"),
                field("tag(.., value)", "ml-platform", Accepts.NOTHING,
                        v -> endpoint().tag("team", v).component(llm()).rollingUpdate(policy()).named(ENDPOINT), "tags[team].value"),
                field("variant(variantName)", "AllTraffic", Accepts.NOTHING,
                        v -> endpoint().variant(v).component(llm()).rollingUpdate(policy()).named(ENDPOINT), "variantName"),
                field("named(endpointName)", ENDPOINT, Accepts.NOTHING,
                        v -> endpoint().component(llm()).rollingUpdate(policy()).named(v), "name"),
                field("Component.named(name)", "llm", Accepts.NOTHING, v -> Component.named(v), "component.name"),
                field("Component.image(imageUri)", IMAGE, Accepts.NOTHING, v -> deploy(llm().image(v), policy()), "component[llm].image"),
                field("Component.env(key, ..)", "HF_MODEL_ID", Accepts.NOTHING, v -> deploy(llm().env(v, "x"), policy()), "component[llm].env[", ".key"),
                field("Component.env(.., value)", "meta-llama/Llama-3.1-8B-Instruct", Accepts.TEXT,
                        v -> deploy(llm().env("HF_MODEL_ID", v), policy()), "component[llm].env[HF_MODEL_ID]"),
                field("Component.secretEnv(key, ..)", "HF_TOKEN", Accepts.NOTHING,
                        v -> deploy(llm().secretEnv(v, canary), policy()), "component[llm].env[", ".key"),
                field("Component.secretEnv(.., value)", canary, Accepts.TEXT,
                        v -> deploy(llm().secretEnv("HF_TOKEN", v), policy()), "component[llm].env[HF_TOKEN]"),
                // Secret.of refuses what no request can carry; the length is the environment variable's rule.
                field("Secret.of(value)", canary, Accepts.TEXT, v -> deploy(llm().secretEnv("HF_TOKEN", Secret.of(v)), policy()), "secret", "",
                        "component[llm].env[HF_TOKEN]"),
                field("Component.modelData(uri)", "s3://my-bucket/llm/model.tar.gz", Accepts.EMOJI,
                        v -> deploy(llm().modelData(v), policy()), "component[llm].modelData"),
                field("Alarm.metric(metricName)", "QueueDepth", Accepts.EMOJI,
                        v -> deployWithAlarm(Alarm.metric(v).namespace("Custom/LLM").above(10)), "component[llm].rollingUpdate.rollbackAlarms[", ".metric"),
                field("Alarm.named(alarmName)", "llm-client-errors", Accepts.EMOJI,
                        v -> deployWithAlarm(errors().named(v)), "component[llm].rollingUpdate.rollbackAlarms[", ".name"),
                field("Alarm.description(description)", "Too many client errors", Accepts.TEXT,
                        v -> deployWithAlarm(errors().description(v)), ALARM + ".description"),
                field("Alarm.namespace(namespace)", "Custom/LLM", Accepts.NOTHING,
                        v -> deployWithAlarm(Alarm.metric("QueueDepth").namespace(v).above(10)),
                        "component[llm].rollingUpdate.rollbackAlarms[rolling-demo-llm-queuedepth].namespace"),
                field("Alarm.dimension(name, ..)", "Model", Accepts.NOTHING,
                        v -> deployWithAlarm(Alarm.metric("QueueDepth").namespace("Custom/LLM").dimension(v, "llama").above(10)),
                        "component[llm].rollingUpdate.rollbackAlarms[rolling-demo-llm-queuedepth].dimensions[", "].name"),
                field("Alarm.dimension(.., value)", "llama", Accepts.NOTHING,
                        v -> deployWithAlarm(Alarm.metric("QueueDepth").namespace("Custom/LLM").dimension("Model", v).above(10)),
                        "component[llm].rollingUpdate.rollbackAlarms[rolling-demo-llm-queuedepth].dimensions[Model].value"),
                field("AutoScaling.policyName(name)", "llm-scaling", Accepts.NOTHING,
                        v -> deploy(llm().autoScaling(AutoScaling.between(0, 4).invocationsPerCopy(10).policyName(v)), policy()),
                        "component[llm].autoScaling.policyName"),
                // ---- an endpoint of model-based variants
                field("Variant.named(name)", VariantEndpointSeed.V1, Accepts.NOTHING,
                        v -> Variant.named(v), "variant.name"),
                field("Variant.on(instanceType)", "ml.m5.xlarge", Accepts.NOTHING,
                        v -> Variant.named(VariantEndpointSeed.V1).on(v), "instanceType"),
                field("Model.named(name)", VariantEndpointSeed.MODEL_V1, Accepts.NOTHING, v -> Model.named(v), "model.name"),
                field("Model.image(imageUri)", VariantEndpointSeed.IMAGE, Accepts.NOTHING,
                        v -> serve(Model.named("my-model-v1").image(v).executionRole(ROLE)), "model[my-model-v1].image"),
                field("Model.modelData(uri)", "s3://my-bucket/models/v1/model.tar.gz", Accepts.EMOJI,
                        v -> serve(model().modelData(v)), "model[my-model-v1].modelData"),
                field("Model.env(key, ..)", "SAGEMAKER_PROGRAM", Accepts.NOTHING,
                        v -> serve(model().env(v, "inference.py")), "model[my-model-v1].env[", ".key"),
                field("Model.env(.., value)", "inference.py", Accepts.TEXT,
                        v -> serve(model().env("SAGEMAKER_PROGRAM", v)), "model[my-model-v1].env[SAGEMAKER_PROGRAM]"),
                field("Model.secretEnv(.., value)", canary, Accepts.TEXT,
                        v -> serve(model().secretEnv("API_TOKEN", v)), "model[my-model-v1].env[API_TOKEN]"),
                field("Model.executionRole(roleArn)", ROLE, Accepts.NOTHING,
                        v -> serve(Model.named("my-model-v1").image(VariantEndpointSeed.IMAGE).executionRole(v)), "model[my-model-v1].executionRole"),
                field("Model.secretEnv(key, ..)", "API_TOKEN", Accepts.NOTHING,
                        v -> serve(model().secretEnv(v, canary)), "model[my-model-v1].env[", ".key"),
                field("Model.vpc(subnets, ..)", "subnet-0abc1234", Accepts.NOTHING,
                        v -> serve(model().vpc(List.of(v), List.of("sg-0abc1234"))), "vpc.subnets[0]"),
                field("Model.vpc(.., securityGroupIds)", "sg-0abc1234", Accepts.NOTHING,
                        v -> serve(model().vpc(List.of("subnet-0abc1234"), List.of(v))), "vpc.securityGroupIds[0]"),
                field("VariantEndpointStep.vpc(subnets, ..)", "subnet-0abc1234", Accepts.NOTHING,
                        v -> VariantEndpointSeed.endpoint(canary).vpc(List.of(v), List.of("sg-0abc1234")).named(VariantEndpointSeed.ENDPOINT),
                        "vpc.subnets[0]"),
                field("VariantEndpointStep.vpc(.., securityGroupIds)", "sg-0abc1234", Accepts.NOTHING,
                        v -> VariantEndpointSeed.endpoint(canary).vpc(List.of("subnet-0abc1234"), List.of(v)).named(VariantEndpointSeed.ENDPOINT),
                        "vpc.securityGroupIds[0]"),
                field("VariantEndpointStep.kmsKey(keyId)", VariantEndpointSeed.KMS_KEY, Accepts.NOTHING,
                        v -> VariantEndpointSeed.endpoint(canary).kmsKey(v).named(VariantEndpointSeed.ENDPOINT), "kmsKey"),
                field("VariantEndpointStep.tag(key, ..)", "team", Accepts.NOTHING,
                        v -> VariantEndpointSeed.endpoint(canary).tag(v, "ml").named(VariantEndpointSeed.ENDPOINT), "tags[", "].key"),
                field("VariantEndpointStep.tag(.., value)", "ml-platform", Accepts.NOTHING,
                        v -> VariantEndpointSeed.endpoint(canary).tag("team", v).named(VariantEndpointSeed.ENDPOINT), "tags[team].value"),
                field("VariantEndpointStep.named(endpointName)", VariantEndpointSeed.ENDPOINT, Accepts.NOTHING,
                        v -> VariantEndpointSeed.endpoint(canary).named(v), "name"),
                field("DataCapture.to(s3Uri)", VariantEndpointSeed.CAPTURE_URI, Accepts.EMOJI,
                        v -> VariantEndpointSeed.endpoint(canary).dataCapture(DataCapture.to(v)).named(VariantEndpointSeed.ENDPOINT),
                        "dataCapture.destination"),
                field("DataCapture.kmsKey(keyId)", VariantEndpointSeed.KMS_KEY, Accepts.NOTHING,
                        v -> VariantEndpointSeed.endpoint(canary).dataCapture(VariantEndpointSeed.capture().kmsKey(v)).named(VariantEndpointSeed.ENDPOINT),
                        "dataCapture.kmsKey"),
                field("DataCapture.csvContentTypes(..)", "text/csv", Accepts.NOTHING,
                        v -> VariantEndpointSeed.endpoint(canary).dataCapture(VariantEndpointSeed.capture().csvContentTypes(v))
                                .named(VariantEndpointSeed.ENDPOINT), "dataCapture.csvContentTypes"),
                field("DataCapture.jsonContentTypes(..)", "application/json", Accepts.NOTHING,
                        v -> VariantEndpointSeed.endpoint(canary).dataCapture(VariantEndpointSeed.capture().jsonContentTypes(v))
                                .named(VariantEndpointSeed.ENDPOINT), "dataCapture.jsonContentTypes"),
                field("BlueGreen.rollbackOn(Alarm.named(alarmName))", "v1-server-errors", Accepts.EMOJI,
                        v -> Endpoint.serving(VariantEndpointSeed.v1(canary))
                                .update(BlueGreen.allAtOnce().bake(Duration.ofMinutes(5)).rollbackOn(VariantEndpointSeed.errors().named(v)))
                                .named(VariantEndpointSeed.ENDPOINT), "update.rollbackAlarms[", ".name"),
                // ---- a traffic shift
                field("TrafficShift.to(variantName)", VariantEndpointSeed.V2, Accepts.NOTHING,
                        v -> TrafficShift.of(VariantEndpointSeed.seed()).to(v), "to"),
                field("TrafficShift.checkAlarmNamed(alarmName)", "ops-pager-alarm", Accepts.EMOJI,
                        v -> TrafficShift.of(VariantEndpointSeed.seed()).to(VariantEndpointSeed.V2).checkAlarmNamed(v), "checkAlarmNamed"),
                field("TrafficShift.checkAlarm(Alarm.named(alarmName))", "v2-server-errors", Accepts.EMOJI,
                        v -> TrafficShift.of(VariantEndpointSeed.seed()).to(VariantEndpointSeed.V2).checkAlarm(VariantEndpointSeed.errors().named(v)),
                        "checkAlarms[", ".name"),
                field("TrafficShift.checkMetric(Alarm.metric(metricName))", "ModelLatency", Accepts.EMOJI,
                        v -> TrafficShift.of(VariantEndpointSeed.seed()).to(VariantEndpointSeed.V2).checkMetric(Alarm.metric(v).above(500_000)),
                        "checkMetric[", ".metric"));
    }

    private static Model model() {
        return Model.named("my-model-v1").image(VariantEndpointSeed.IMAGE).executionRole(ROLE);
    }

    private static Object serve(Model model) {
        return Endpoint.serving(Variant.named(VariantEndpointSeed.V1).model(model).on("ml.m5.xlarge")).named(VariantEndpointSeed.ENDPOINT);
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        fields().forEach(f -> {
            Named<?> named = (Named<?>) f.get()[0];
            for (Hostile h : Hostile.values()) {
                all.add(Arguments.of(Named.of(named.getName() + " with " + h, named.getPayload()), h));
            }
        });
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    @DisplayName("the valid value of each field is accepted (so a refusal below is the hostile value's)")
    void validValueIsAccepted(Field field) {
        assertThatCode(() -> field.build().apply(field.valid())).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("a hostile value is refused at its field exactly where the service refuses it, with a bounded, printable message")
    void hostileValue(Field field, Hostile hostile) {
        String value = hostile.into(field.valid());
        if (field.accepts().accepted.contains(hostile)) {
            assertThatCode(() -> field.build().apply(value)).as("the service accepts it").doesNotThrowAnyException();
            return;
        }
        Throwable thrown = catchThrowable(() -> field.build().apply(value));
        assertThat(thrown).as("refused before any call").isInstanceOf(SpecValidationException.class);
        SpecValidationException e = (SpecValidationException) thrown;
        assertThat(e.violations()).as("a violation at the field").anySatisfy(v -> assertThat(
                v.path().startsWith(field.pathStart()) && v.path().endsWith(field.pathEnd()) || v.path().equals(field.orPath()))
                .as("path %s", v.path()).isTrue());
        assertBoundedAndPrintable(e);
        assertThat(e.getMessage()).doesNotContain(VariantEndpointSeed.CANARY);
    }

    @Test
    @DisplayName("a 1 MB name is shown by its length and a sample: \"aaaa…aaaa\" (1048576 characters)")
    void megabyteNameIsShownBySample() {
        Throwable thrown = catchThrowable(() -> Component.named(MEGABYTE));

        SpecValidationException e = (SpecValidationException) thrown;
        String sample = "\"" + "a".repeat(28) + "…" + "a".repeat(28) + "\" (1048576 characters)";
        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.value()).isEqualTo(sample);
            assertThat(v.fix()).hasSizeLessThan(100);
        });
        assertThat(e.getMessage()).contains("component.name = " + sample).hasSizeLessThan(400);
    }

    @Test
    @DisplayName("control characters are escaped in a message: a name with a line feed stays on its line")
    void controlCharactersAreEscaped() {
        Throwable thrown = catchThrowable(() -> endpoint().component(llm()).rollingUpdate(policy()).named("rolling\ndemo\t\u0000"));

        SpecValidationException e = (SpecValidationException) thrown;
        assertThat(e.violations()).anySatisfy(v -> {
            assertThat(v.path()).isEqualTo("name");
            assertThat(v.value()).isEqualTo("\"rolling\\ndemo\\t\\u0000\"");
        });
        assertThat(e.getMessage()).startsWith("The spec of endpoint 'rolling\\ndemo\\t\\u0000' breaks");
        assertBoundedAndPrintable(e);
    }

    @Test
    @DisplayName("a line break in an alarm name, a namespace or a policy name (issue 12) is refused, naming the character")
    void issueExamples() {
        SpecValidationException alarm = (SpecValidationException) catchThrowable(() -> deployWithAlarm(errors().named("llm\nerrors")));
        assertThat(alarm.violations()).anySatisfy(v -> assertThat(v.rule())
                .isEqualTo("must not contain control characters, line separators or unpaired surrogates: it has a line feed (\\n) at index 3"));

        SpecValidationException namespace = (SpecValidationException) catchThrowable(() ->
                deployWithAlarm(Alarm.metric("QueueDepth").namespace("Custom/\tLLM").above(10)));
        assertThat(namespace.violations()).anySatisfy(v -> assertThat(v.rule())
                .isEqualTo("must contain only printable ASCII characters: it has a tab (\\t) at index 7"));

        SpecValidationException policyName = (SpecValidationException) catchThrowable(() ->
                deploy(llm().autoScaling(AutoScaling.between(0, 4).invocationsPerCopy(10).policyName("llm\nscaling")), policy()));
        assertThat(policyName.violations()).anySatisfy(v -> assertThat(v.path()).isEqualTo("component[llm].autoScaling.policyName"));

        // A namespace's pattern [^:].* alone would let a leading line feed through ([^:] matches it): the character rule does not.
        SpecValidationException leading = (SpecValidationException) catchThrowable(() ->
                deployWithAlarm(Alarm.metric("QueueDepth").namespace("\nCustom").above(10)));
        assertThat(leading.violations()).anySatisfy(v -> assertThat(v.path()).endsWith(".namespace"));
    }

    @Test
    @DisplayName("a secret with a character no request can carry is refused without showing the secret or the character")
    void secretIsNeverShown() {
        String secret = VariantEndpointSeed.CANARY + "\u0000";
        SpecValidationException e = (SpecValidationException) catchThrowable(() -> Secret.of(secret));

        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.value()).isEqualTo(Secret.MASK);
            assertThat(v.rule()).doesNotContain("index");
        });
        assertThat(e.getMessage()).doesNotContain(VariantEndpointSeed.CANARY);
    }

    /** At most a few KB, and nothing a terminal or a log would act on: only the message's own line feeds. */
    static void assertBoundedAndPrintable(SpecValidationException e) {
        assertThat(e.getMessage()).hasSizeLessThan(8 * 1024);
        assertPrintable(e.getMessage().replace("\n", ""));
        for (Violation v : e.violations()) {
            assertThat(v.toString()).hasSizeLessThan(6 * 1024);
            assertPrintable(v.toString());
        }
    }

    private static void assertPrintable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            assertThat(Character.isISOControl(c)).as("control character U+%04X at %d in %s", (int) c, i, text).isFalse();
            assertThat(c == '\u2028' || c == '\u2029').as("line separator at %d", i).isFalse();
            if (Character.isHighSurrogate(c)) {
                assertThat(i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))).as("unpaired surrogate at %d", i).isTrue();
                i++;
            } else {
                assertThat(Character.isLowSurrogate(c)).as("unpaired surrogate at %d", i).isFalse();
            }
        }
    }
}
