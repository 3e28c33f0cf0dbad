package dev.ballast.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.LocationTrait;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

class SdkJsonTest {

    /** A minimal SDK shape: the renderer needs only sdkFields(). */
    private record Shape(String name, Float weight, Map<String, String> env, List<String> items) implements SdkPojo {
        @Override
        public List<SdkField<?>> sdkFields() {
            return List.of(
                    field("Name", MarshallingType.STRING, Shape::name),
                    field("Weight", MarshallingType.FLOAT, Shape::weight),
                    field("Environment", MarshallingType.MAP, Shape::env),
                    field("Items", MarshallingType.LIST, Shape::items));
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static <T> SdkField<?> field(String name, MarshallingType<T> type, Function<Shape, ?> getter) {
            return SdkField.builder(type).memberName(name).getter((Function) getter).setter((a, b) -> { })
                    .traits(LocationTrait.builder().location(MarshallLocation.PAYLOAD).locationName(name).build()).build();
        }
    }

    @Test
    @DisplayName("members use the service's names, absent members are left out, floats lose trailing zeros")
    void rendersServiceJson() {
        String json = SdkJson.render(new Shape("a\"b", 1.0f, null, List.of("x", "y")), Set.of(), false);

        assertThat(json).isEqualTo("{\"Name\":\"a\\\"b\",\"Weight\":1,\"Items\":[\"x\",\"y\"]}");
    }

    @Test
    @DisplayName("a redacted path is masked, map keys included, and nothing else is")
    void redactsPaths() {
        String json = SdkJson.render(new Shape("n", 0.5f, Map.of("HF_TOKEN", "hf_secret"), List.of()),
                Set.of("Environment.HF_TOKEN"), false);

        assertThat(json).contains("\"HF_TOKEN\":\"****\"", "\"Weight\":0.5").doesNotContain("hf_secret");
    }

    @Test
    @DisplayName("pretty output indents two spaces per level and leaves string contents alone")
    void prettyPrints() {
        assertThat(SdkJson.pretty("{\"a\":[1,{\"b\":\"x,{y}\"}],\"c\":{}}")).isEqualTo(
                "{\n  \"a\": [\n    1,\n    {\n      \"b\": \"x,{y}\"\n    }\n  ],\n  \"c\": {}\n}");
    }

    @Test
    @DisplayName("control characters are escaped")
    void escapes() {
        assertThat(SdkJson.quote("a\nb\t\u0001")).isEqualTo("\"a\\nb\\t\\u0001\"");
    }
}
