package dev.ballast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The one hardware table ({@code dev/ballast/instance-types.csv}) behind {@link InstanceType#shape()}. */
class InstanceCatalogueTest {

    private static final long GIB = 1024;

    /** Families with accelerators; every other family of the enum is CPU-only. */
    private static final Set<String> ACCELERATED = Set.of("p2", "p3", "g4dn", "inf1", "dl1", "g5", "g6", "g6e", "g7e",
            "p4d", "p4de", "trn1", "trn1n", "trn2", "inf2", "p5", "p5e", "p5en", "p6-b200", "p6-b300", "p6e-gb200");

    /** CPU families whose memory per vCPU differs between sizes. */
    private static final Set<String> IRREGULAR_MEMORY = Set.of("t2", "c4");

    @Test
    @DisplayName("every ProductionVariantInstanceType of the reference model has a constant and a shape")
    void everyEnumValueOfTheModelHasAConstantAndAShape() throws IOException {
        Path model = Path.of(System.getProperty("user.dir"), "..", "..", "shared", "reference", "sagemaker-shapes.json")
                .normalize();
        assumeTrue(Files.isRegularFile(model),
                () -> "the botocore model extract " + model + " is not on this machine; the enum is not compared");
        List<String> values = enumValues(Files.readString(model, StandardCharsets.UTF_8), "ProductionVariantInstanceType");

        assertThat(values).hasSize(271);
        assertThat(InstanceType.known()).extracting(InstanceType::name).containsExactlyInAnyOrderElementsOf(values);
        for (String value : values) {
            InstanceType type = InstanceType.of(value);
            assertThat(type.isKnown()).as(value).isTrue();
            assertThat(type.shape()).as(value).isPresent();
        }
    }

    @Test
    @DisplayName("the table lists exactly the known types, in the order of the constants")
    void theTableListsExactlyTheKnownTypes() {
        assertThat(InstanceCatalogue.load().keySet())
                .containsExactlyElementsOf(InstanceType.known().stream().map(InstanceType::name).toList());
    }

    @Test
    @DisplayName("accelerated families have accelerators with memory, CPU families none")
    void acceleratorsByFamily() {
        for (InstanceType type : InstanceType.known()) {
            InstanceShape s = type.shape().orElseThrow();
            if (ACCELERATED.contains(type.family())) {
                assertThat(s.accelerators()).as(type.name()).isPositive();
                assertThat(s.acceleratorName()).as(type.name()).isPresent();
                assertThat(s.acceleratorMemoryMib()).as(type.name()).isBetween(8 * GIB, 512 * GIB);
            } else {
                assertThat(s.accelerators()).as(type.name()).isZero();
                assertThat(s.acceleratorName()).as(type.name()).isEmpty();
                assertThat(s.acceleratorMemoryMib()).as(type.name()).isZero();
            }
        }
    }

    @Test
    @DisplayName("vCPUs follow the size name, memory is at least 1 GiB per vCPU")
    void vcpusAndMemory() {
        for (InstanceType type : InstanceType.known()) {
            InstanceShape s = type.shape().orElseThrow();
            String size = type.name().substring(type.name().lastIndexOf('.') + 1);
            int expected = switch (type.name()) {
                case "ml.t2.medium" -> 2; // burstable: 2 vCPUs from medium up
                case "ml.c4.8xlarge" -> 36;
                default -> vcpusOfSize(size);
            };
            assertThat(s.vcpus()).as(type.name()).isEqualTo(expected);
            assertThat(s.memoryMib()).as(type.name()).isGreaterThanOrEqualTo(s.vcpus() * GIB);
            assertThat(s.memoryMib()).as(type.name()).isLessThanOrEqualTo(s.vcpus() * 24 * GIB);
        }
    }

    @Test
    @DisplayName("within a family, memory per vCPU and the accelerator are the same for every size")
    void familiesAreConsistent() {
        Map<String, InstanceShape> first = new HashMap<>();
        for (InstanceType type : InstanceType.known()) {
            InstanceShape s = type.shape().orElseThrow();
            InstanceShape f = first.putIfAbsent(type.family(), s);
            if (f == null) {
                continue;
            }
            assertThat(s.acceleratorName()).as(type.name()).isEqualTo(f.acceleratorName());
            assertThat(s.acceleratorMemoryMib()).as(type.name()).isEqualTo(f.acceleratorMemoryMib());
            if (!IRREGULAR_MEMORY.contains(type.family()) && !ACCELERATED.contains(type.family())) {
                assertThat(s.memoryMib() * f.vcpus()).as(type.name() + " memory per vCPU")
                        .isEqualTo(f.memoryMib() * s.vcpus());
            }
        }
    }

    @Test
    @DisplayName("known figures: g5.2xlarge, c5.18xlarge, c4.large, p4d.24xlarge, p4de.24xlarge, inf2.48xlarge")
    void spotChecks() {
        assertThat(InstanceType.ML_G5_2XLARGE.shape())
                .contains(new InstanceShape(8, 32 * GIB, 1, Optional.of("A10G"), 24 * GIB));
        InstanceShape c5 = InstanceType.ML_C5_18XLARGE.shape().orElseThrow();
        assertThat(c5.vcpus()).isEqualTo(72);
        assertThat(c5.memoryMib()).isEqualTo(144 * GIB);
        assertThat(c5.accelerators()).isZero();
        assertThat(InstanceType.ML_C4_LARGE.shape().orElseThrow().memoryMib()).isEqualTo(3840); // 3.75 GiB
        InstanceShape p4d = InstanceType.ML_P4D_24XLARGE.shape().orElseThrow();
        assertThat(p4d.vcpus()).isEqualTo(96);
        assertThat(p4d.memoryMib()).isEqualTo(1152 * GIB);
        assertThat(p4d.accelerators()).isEqualTo(8);
        assertThat(p4d.acceleratorMemoryMib()).isEqualTo(40 * GIB);
        assertThat(InstanceType.ML_P4DE_24XLARGE.shape().orElseThrow().acceleratorMemoryMib()).isEqualTo(80 * GIB);
        InstanceShape inf2 = InstanceType.ML_INF2_48XLARGE.shape().orElseThrow();
        assertThat(inf2.accelerators()).isEqualTo(12);
        assertThat(inf2.acceleratorName()).contains("Inferentia2");
        assertThat(inf2.acceleratorMemoryMib()).isEqualTo(32 * GIB);
    }

    @Test
    @DisplayName("a malformed row fails with its line number")
    void malformedRows() {
        String header = InstanceCatalogue.HEADER;
        assertThat(InstanceCatalogue.parse(List.of("# comment", "", header, "ml.x1.large,2,3.75,0,,0  # note")))
                .containsEntry("ml.x1.large", new InstanceShape(2, 3840, 0, Optional.empty(), 0));
        assertThatThrownBy(() -> InstanceCatalogue.parse(List.of("type,vcpus")))
                .hasMessage("instance-types.csv line 1: the header must be " + header);
        assertThatThrownBy(() -> InstanceCatalogue.parse(List.of(header, "ml.x1.large,2,8,0,")))
                .hasMessage("instance-types.csv line 2: expected 6 fields, found 5");
        assertThatThrownBy(() -> InstanceCatalogue.parse(List.of(header, "ml.x1.large,2,8,0,A10G,0")))
                .hasMessageStartingWith("instance-types.csv line 2: an instance shape without accelerators");
        assertThatThrownBy(() -> InstanceCatalogue.parse(List.of(header, "ml.x1.large,two,8,0,,0")))
                .hasMessageStartingWith("instance-types.csv line 2:");
        assertThatThrownBy(() -> InstanceCatalogue.parse(List.of(header, "ml.x1.large,2,0.0001,0,,0")))
                .hasMessageStartingWith("instance-types.csv line 2:");
        assertThatThrownBy(() -> InstanceCatalogue.parse(List.of(header, "ml.x1.large,2,8,0,,0", "ml.x1.large,2,8,0,,0")))
                .hasMessage("instance-types.csv line 3: ml.x1.large is listed twice");
    }

    private static int vcpusOfSize(String size) {
        return switch (size) {
            case "medium" -> 1;
            case "large" -> 2;
            case "xlarge" -> 4;
            default -> 4 * Integer.parseInt(size.substring(0, size.length() - "xlarge".length()));
        };
    }

    /** The {@code enum} of one shape of a botocore model, without a JSON library. */
    private static List<String> enumValues(String json, String shape) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(shape) + "\"\\s*:\\s*\\{[^}]*?\"enum\"\\s*:\\s*\\[([^\\]]*)]")
                .matcher(json);
        assertThat(m.find()).as("shape %s with an enum in the model", shape).isTrue();
        List<String> values = new ArrayList<>();
        Matcher value = Pattern.compile("\"([^\"]+)\"").matcher(m.group(1));
        while (value.find()) {
            values.add(value.group(1));
        }
        return values;
    }
}
