package dev.ballast;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.ballast.error.SpecValidationException;
import dev.ballast.error.Violation;

/**
 * A SageMaker hosting instance type such as {@code ml.g5.2xlarge}.
 *
 * <p>This is an open enumeration: the types SageMaker listed when this release was made (botocore
 * 1.43.11, 271 values) are constants, and {@link #of(String)} accepts any well-formed
 * {@code ml.<family>.<size>} name, because SageMaker adds instance types all the time and a
 * deployment should not wait for a Ballast release. A malformed name fails at once with the
 * expected shape and the closest known names.
 *
 * <p>{@link #shape()} gives the vCPUs, host memory and accelerators (count, name, memory per
 * device) of every one of these types, from one table of EC2's published specifications
 * ({@code dev/ballast/instance-types.csv}; {@code ml.X} has the hardware of EC2 {@code X}). The
 * capacity check uses it to tell whether copies fit, and the testkit's fake places copies by it.
 * Only a type newer than this release has no shape.
 *
 * <pre>{@code
 * InstanceType gpu = InstanceType.ML_G5_2XLARGE;            // a constant
 * InstanceType newer = InstanceType.of("ml.g9x.4xlarge");   // any well-formed name
 * gpu.shape().map(InstanceShape::accelerators);             // Optional[1]
 * newer.shape();                                            // Optional.empty
 * }</pre>
 */
public final class InstanceType implements Comparable<InstanceType> {

    /** Far longer than any of SageMaker's instance type names (the longest is 21 characters). */
    static final int LONGEST_NAME = 64;
    private static final Pattern SHAPE = Pattern.compile("ml\\.[a-z0-9]+(-[a-z0-9]+)*\\.[a-z0-9]+");
    private static final Map<String, InstanceType> KNOWN = new LinkedHashMap<>();
    private static final Map<String, InstanceShape> SHAPES = InstanceCatalogue.load();

    private final String name;

    private InstanceType(String name) {
        this.name = name;
    }

    private static InstanceType known(String name) {
        InstanceType type = new InstanceType(name);
        KNOWN.put(name, type);
        return type;
    }

    /** {@code ml.t2.medium}. */
    public static final InstanceType ML_T2_MEDIUM = known("ml.t2.medium");
    /** {@code ml.t2.large}. */
    public static final InstanceType ML_T2_LARGE = known("ml.t2.large");
    /** {@code ml.t2.xlarge}. */
    public static final InstanceType ML_T2_XLARGE = known("ml.t2.xlarge");
    /** {@code ml.t2.2xlarge}. */
    public static final InstanceType ML_T2_2XLARGE = known("ml.t2.2xlarge");
    /** {@code ml.m4.xlarge}. */
    public static final InstanceType ML_M4_XLARGE = known("ml.m4.xlarge");
    /** {@code ml.m4.2xlarge}. */
    public static final InstanceType ML_M4_2XLARGE = known("ml.m4.2xlarge");
    /** {@code ml.m4.4xlarge}. */
    public static final InstanceType ML_M4_4XLARGE = known("ml.m4.4xlarge");
    /** {@code ml.m4.10xlarge}. */
    public static final InstanceType ML_M4_10XLARGE = known("ml.m4.10xlarge");
    /** {@code ml.m4.16xlarge}. */
    public static final InstanceType ML_M4_16XLARGE = known("ml.m4.16xlarge");
    /** {@code ml.m5.large}. */
    public static final InstanceType ML_M5_LARGE = known("ml.m5.large");
    /** {@code ml.m5.xlarge}. */
    public static final InstanceType ML_M5_XLARGE = known("ml.m5.xlarge");
    /** {@code ml.m5.2xlarge}. */
    public static final InstanceType ML_M5_2XLARGE = known("ml.m5.2xlarge");
    /** {@code ml.m5.4xlarge}. */
    public static final InstanceType ML_M5_4XLARGE = known("ml.m5.4xlarge");
    /** {@code ml.m5.12xlarge}. */
    public static final InstanceType ML_M5_12XLARGE = known("ml.m5.12xlarge");
    /** {@code ml.m5.24xlarge}. */
    public static final InstanceType ML_M5_24XLARGE = known("ml.m5.24xlarge");
    /** {@code ml.m5d.large}. */
    public static final InstanceType ML_M5D_LARGE = known("ml.m5d.large");
    /** {@code ml.m5d.xlarge}. */
    public static final InstanceType ML_M5D_XLARGE = known("ml.m5d.xlarge");
    /** {@code ml.m5d.2xlarge}. */
    public static final InstanceType ML_M5D_2XLARGE = known("ml.m5d.2xlarge");
    /** {@code ml.m5d.4xlarge}. */
    public static final InstanceType ML_M5D_4XLARGE = known("ml.m5d.4xlarge");
    /** {@code ml.m5d.12xlarge}. */
    public static final InstanceType ML_M5D_12XLARGE = known("ml.m5d.12xlarge");
    /** {@code ml.m5d.24xlarge}. */
    public static final InstanceType ML_M5D_24XLARGE = known("ml.m5d.24xlarge");
    /** {@code ml.c4.large}. */
    public static final InstanceType ML_C4_LARGE = known("ml.c4.large");
    /** {@code ml.c4.xlarge}. */
    public static final InstanceType ML_C4_XLARGE = known("ml.c4.xlarge");
    /** {@code ml.c4.2xlarge}. */
    public static final InstanceType ML_C4_2XLARGE = known("ml.c4.2xlarge");
    /** {@code ml.c4.4xlarge}. */
    public static final InstanceType ML_C4_4XLARGE = known("ml.c4.4xlarge");
    /** {@code ml.c4.8xlarge}. */
    public static final InstanceType ML_C4_8XLARGE = known("ml.c4.8xlarge");
    /** {@code ml.p2.xlarge}. */
    public static final InstanceType ML_P2_XLARGE = known("ml.p2.xlarge");
    /** {@code ml.p2.8xlarge}. */
    public static final InstanceType ML_P2_8XLARGE = known("ml.p2.8xlarge");
    /** {@code ml.p2.16xlarge}. */
    public static final InstanceType ML_P2_16XLARGE = known("ml.p2.16xlarge");
    /** {@code ml.p3.2xlarge}. */
    public static final InstanceType ML_P3_2XLARGE = known("ml.p3.2xlarge");
    /** {@code ml.p3.8xlarge}. */
    public static final InstanceType ML_P3_8XLARGE = known("ml.p3.8xlarge");
    /** {@code ml.p3.16xlarge}. */
    public static final InstanceType ML_P3_16XLARGE = known("ml.p3.16xlarge");
    /** {@code ml.c5.large}. */
    public static final InstanceType ML_C5_LARGE = known("ml.c5.large");
    /** {@code ml.c5.xlarge}. */
    public static final InstanceType ML_C5_XLARGE = known("ml.c5.xlarge");
    /** {@code ml.c5.2xlarge}. */
    public static final InstanceType ML_C5_2XLARGE = known("ml.c5.2xlarge");
    /** {@code ml.c5.4xlarge}. */
    public static final InstanceType ML_C5_4XLARGE = known("ml.c5.4xlarge");
    /** {@code ml.c5.9xlarge}. */
    public static final InstanceType ML_C5_9XLARGE = known("ml.c5.9xlarge");
    /** {@code ml.c5.18xlarge}. */
    public static final InstanceType ML_C5_18XLARGE = known("ml.c5.18xlarge");
    /** {@code ml.c5d.large}. */
    public static final InstanceType ML_C5D_LARGE = known("ml.c5d.large");
    /** {@code ml.c5d.xlarge}. */
    public static final InstanceType ML_C5D_XLARGE = known("ml.c5d.xlarge");
    /** {@code ml.c5d.2xlarge}. */
    public static final InstanceType ML_C5D_2XLARGE = known("ml.c5d.2xlarge");
    /** {@code ml.c5d.4xlarge}. */
    public static final InstanceType ML_C5D_4XLARGE = known("ml.c5d.4xlarge");
    /** {@code ml.c5d.9xlarge}. */
    public static final InstanceType ML_C5D_9XLARGE = known("ml.c5d.9xlarge");
    /** {@code ml.c5d.18xlarge}. */
    public static final InstanceType ML_C5D_18XLARGE = known("ml.c5d.18xlarge");
    /** {@code ml.g4dn.xlarge}. */
    public static final InstanceType ML_G4DN_XLARGE = known("ml.g4dn.xlarge");
    /** {@code ml.g4dn.2xlarge}. */
    public static final InstanceType ML_G4DN_2XLARGE = known("ml.g4dn.2xlarge");
    /** {@code ml.g4dn.4xlarge}. */
    public static final InstanceType ML_G4DN_4XLARGE = known("ml.g4dn.4xlarge");
    /** {@code ml.g4dn.8xlarge}. */
    public static final InstanceType ML_G4DN_8XLARGE = known("ml.g4dn.8xlarge");
    /** {@code ml.g4dn.12xlarge}. */
    public static final InstanceType ML_G4DN_12XLARGE = known("ml.g4dn.12xlarge");
    /** {@code ml.g4dn.16xlarge}. */
    public static final InstanceType ML_G4DN_16XLARGE = known("ml.g4dn.16xlarge");
    /** {@code ml.r5.large}. */
    public static final InstanceType ML_R5_LARGE = known("ml.r5.large");
    /** {@code ml.r5.xlarge}. */
    public static final InstanceType ML_R5_XLARGE = known("ml.r5.xlarge");
    /** {@code ml.r5.2xlarge}. */
    public static final InstanceType ML_R5_2XLARGE = known("ml.r5.2xlarge");
    /** {@code ml.r5.4xlarge}. */
    public static final InstanceType ML_R5_4XLARGE = known("ml.r5.4xlarge");
    /** {@code ml.r5.12xlarge}. */
    public static final InstanceType ML_R5_12XLARGE = known("ml.r5.12xlarge");
    /** {@code ml.r5.24xlarge}. */
    public static final InstanceType ML_R5_24XLARGE = known("ml.r5.24xlarge");
    /** {@code ml.r5d.large}. */
    public static final InstanceType ML_R5D_LARGE = known("ml.r5d.large");
    /** {@code ml.r5d.xlarge}. */
    public static final InstanceType ML_R5D_XLARGE = known("ml.r5d.xlarge");
    /** {@code ml.r5d.2xlarge}. */
    public static final InstanceType ML_R5D_2XLARGE = known("ml.r5d.2xlarge");
    /** {@code ml.r5d.4xlarge}. */
    public static final InstanceType ML_R5D_4XLARGE = known("ml.r5d.4xlarge");
    /** {@code ml.r5d.12xlarge}. */
    public static final InstanceType ML_R5D_12XLARGE = known("ml.r5d.12xlarge");
    /** {@code ml.r5d.24xlarge}. */
    public static final InstanceType ML_R5D_24XLARGE = known("ml.r5d.24xlarge");
    /** {@code ml.inf1.xlarge}. */
    public static final InstanceType ML_INF1_XLARGE = known("ml.inf1.xlarge");
    /** {@code ml.inf1.2xlarge}. */
    public static final InstanceType ML_INF1_2XLARGE = known("ml.inf1.2xlarge");
    /** {@code ml.inf1.6xlarge}. */
    public static final InstanceType ML_INF1_6XLARGE = known("ml.inf1.6xlarge");
    /** {@code ml.inf1.24xlarge}. */
    public static final InstanceType ML_INF1_24XLARGE = known("ml.inf1.24xlarge");
    /** {@code ml.dl1.24xlarge}. */
    public static final InstanceType ML_DL1_24XLARGE = known("ml.dl1.24xlarge");
    /** {@code ml.c6i.large}. */
    public static final InstanceType ML_C6I_LARGE = known("ml.c6i.large");
    /** {@code ml.c6i.xlarge}. */
    public static final InstanceType ML_C6I_XLARGE = known("ml.c6i.xlarge");
    /** {@code ml.c6i.2xlarge}. */
    public static final InstanceType ML_C6I_2XLARGE = known("ml.c6i.2xlarge");
    /** {@code ml.c6i.4xlarge}. */
    public static final InstanceType ML_C6I_4XLARGE = known("ml.c6i.4xlarge");
    /** {@code ml.c6i.8xlarge}. */
    public static final InstanceType ML_C6I_8XLARGE = known("ml.c6i.8xlarge");
    /** {@code ml.c6i.12xlarge}. */
    public static final InstanceType ML_C6I_12XLARGE = known("ml.c6i.12xlarge");
    /** {@code ml.c6i.16xlarge}. */
    public static final InstanceType ML_C6I_16XLARGE = known("ml.c6i.16xlarge");
    /** {@code ml.c6i.24xlarge}. */
    public static final InstanceType ML_C6I_24XLARGE = known("ml.c6i.24xlarge");
    /** {@code ml.c6i.32xlarge}. */
    public static final InstanceType ML_C6I_32XLARGE = known("ml.c6i.32xlarge");
    /** {@code ml.m6i.large}. */
    public static final InstanceType ML_M6I_LARGE = known("ml.m6i.large");
    /** {@code ml.m6i.xlarge}. */
    public static final InstanceType ML_M6I_XLARGE = known("ml.m6i.xlarge");
    /** {@code ml.m6i.2xlarge}. */
    public static final InstanceType ML_M6I_2XLARGE = known("ml.m6i.2xlarge");
    /** {@code ml.m6i.4xlarge}. */
    public static final InstanceType ML_M6I_4XLARGE = known("ml.m6i.4xlarge");
    /** {@code ml.m6i.8xlarge}. */
    public static final InstanceType ML_M6I_8XLARGE = known("ml.m6i.8xlarge");
    /** {@code ml.m6i.12xlarge}. */
    public static final InstanceType ML_M6I_12XLARGE = known("ml.m6i.12xlarge");
    /** {@code ml.m6i.16xlarge}. */
    public static final InstanceType ML_M6I_16XLARGE = known("ml.m6i.16xlarge");
    /** {@code ml.m6i.24xlarge}. */
    public static final InstanceType ML_M6I_24XLARGE = known("ml.m6i.24xlarge");
    /** {@code ml.m6i.32xlarge}. */
    public static final InstanceType ML_M6I_32XLARGE = known("ml.m6i.32xlarge");
    /** {@code ml.r6i.large}. */
    public static final InstanceType ML_R6I_LARGE = known("ml.r6i.large");
    /** {@code ml.r6i.xlarge}. */
    public static final InstanceType ML_R6I_XLARGE = known("ml.r6i.xlarge");
    /** {@code ml.r6i.2xlarge}. */
    public static final InstanceType ML_R6I_2XLARGE = known("ml.r6i.2xlarge");
    /** {@code ml.r6i.4xlarge}. */
    public static final InstanceType ML_R6I_4XLARGE = known("ml.r6i.4xlarge");
    /** {@code ml.r6i.8xlarge}. */
    public static final InstanceType ML_R6I_8XLARGE = known("ml.r6i.8xlarge");
    /** {@code ml.r6i.12xlarge}. */
    public static final InstanceType ML_R6I_12XLARGE = known("ml.r6i.12xlarge");
    /** {@code ml.r6i.16xlarge}. */
    public static final InstanceType ML_R6I_16XLARGE = known("ml.r6i.16xlarge");
    /** {@code ml.r6i.24xlarge}. */
    public static final InstanceType ML_R6I_24XLARGE = known("ml.r6i.24xlarge");
    /** {@code ml.r6i.32xlarge}. */
    public static final InstanceType ML_R6I_32XLARGE = known("ml.r6i.32xlarge");
    /** {@code ml.g5.xlarge}. */
    public static final InstanceType ML_G5_XLARGE = known("ml.g5.xlarge");
    /** {@code ml.g5.2xlarge}. */
    public static final InstanceType ML_G5_2XLARGE = known("ml.g5.2xlarge");
    /** {@code ml.g5.4xlarge}. */
    public static final InstanceType ML_G5_4XLARGE = known("ml.g5.4xlarge");
    /** {@code ml.g5.8xlarge}. */
    public static final InstanceType ML_G5_8XLARGE = known("ml.g5.8xlarge");
    /** {@code ml.g5.12xlarge}. */
    public static final InstanceType ML_G5_12XLARGE = known("ml.g5.12xlarge");
    /** {@code ml.g5.16xlarge}. */
    public static final InstanceType ML_G5_16XLARGE = known("ml.g5.16xlarge");
    /** {@code ml.g5.24xlarge}. */
    public static final InstanceType ML_G5_24XLARGE = known("ml.g5.24xlarge");
    /** {@code ml.g5.48xlarge}. */
    public static final InstanceType ML_G5_48XLARGE = known("ml.g5.48xlarge");
    /** {@code ml.g6.xlarge}. */
    public static final InstanceType ML_G6_XLARGE = known("ml.g6.xlarge");
    /** {@code ml.g6.2xlarge}. */
    public static final InstanceType ML_G6_2XLARGE = known("ml.g6.2xlarge");
    /** {@code ml.g6.4xlarge}. */
    public static final InstanceType ML_G6_4XLARGE = known("ml.g6.4xlarge");
    /** {@code ml.g6.8xlarge}. */
    public static final InstanceType ML_G6_8XLARGE = known("ml.g6.8xlarge");
    /** {@code ml.g6.12xlarge}. */
    public static final InstanceType ML_G6_12XLARGE = known("ml.g6.12xlarge");
    /** {@code ml.g6.16xlarge}. */
    public static final InstanceType ML_G6_16XLARGE = known("ml.g6.16xlarge");
    /** {@code ml.g6.24xlarge}. */
    public static final InstanceType ML_G6_24XLARGE = known("ml.g6.24xlarge");
    /** {@code ml.g6.48xlarge}. */
    public static final InstanceType ML_G6_48XLARGE = known("ml.g6.48xlarge");
    /** {@code ml.r8g.medium}. */
    public static final InstanceType ML_R8G_MEDIUM = known("ml.r8g.medium");
    /** {@code ml.r8g.large}. */
    public static final InstanceType ML_R8G_LARGE = known("ml.r8g.large");
    /** {@code ml.r8g.xlarge}. */
    public static final InstanceType ML_R8G_XLARGE = known("ml.r8g.xlarge");
    /** {@code ml.r8g.2xlarge}. */
    public static final InstanceType ML_R8G_2XLARGE = known("ml.r8g.2xlarge");
    /** {@code ml.r8g.4xlarge}. */
    public static final InstanceType ML_R8G_4XLARGE = known("ml.r8g.4xlarge");
    /** {@code ml.r8g.8xlarge}. */
    public static final InstanceType ML_R8G_8XLARGE = known("ml.r8g.8xlarge");
    /** {@code ml.r8g.12xlarge}. */
    public static final InstanceType ML_R8G_12XLARGE = known("ml.r8g.12xlarge");
    /** {@code ml.r8g.16xlarge}. */
    public static final InstanceType ML_R8G_16XLARGE = known("ml.r8g.16xlarge");
    /** {@code ml.r8g.24xlarge}. */
    public static final InstanceType ML_R8G_24XLARGE = known("ml.r8g.24xlarge");
    /** {@code ml.r8g.48xlarge}. */
    public static final InstanceType ML_R8G_48XLARGE = known("ml.r8g.48xlarge");
    /** {@code ml.g6e.xlarge}. */
    public static final InstanceType ML_G6E_XLARGE = known("ml.g6e.xlarge");
    /** {@code ml.g6e.2xlarge}. */
    public static final InstanceType ML_G6E_2XLARGE = known("ml.g6e.2xlarge");
    /** {@code ml.g6e.4xlarge}. */
    public static final InstanceType ML_G6E_4XLARGE = known("ml.g6e.4xlarge");
    /** {@code ml.g6e.8xlarge}. */
    public static final InstanceType ML_G6E_8XLARGE = known("ml.g6e.8xlarge");
    /** {@code ml.g6e.12xlarge}. */
    public static final InstanceType ML_G6E_12XLARGE = known("ml.g6e.12xlarge");
    /** {@code ml.g6e.16xlarge}. */
    public static final InstanceType ML_G6E_16XLARGE = known("ml.g6e.16xlarge");
    /** {@code ml.g6e.24xlarge}. */
    public static final InstanceType ML_G6E_24XLARGE = known("ml.g6e.24xlarge");
    /** {@code ml.g6e.48xlarge}. */
    public static final InstanceType ML_G6E_48XLARGE = known("ml.g6e.48xlarge");
    /** {@code ml.g7e.2xlarge}. */
    public static final InstanceType ML_G7E_2XLARGE = known("ml.g7e.2xlarge");
    /** {@code ml.g7e.4xlarge}. */
    public static final InstanceType ML_G7E_4XLARGE = known("ml.g7e.4xlarge");
    /** {@code ml.g7e.8xlarge}. */
    public static final InstanceType ML_G7E_8XLARGE = known("ml.g7e.8xlarge");
    /** {@code ml.g7e.12xlarge}. */
    public static final InstanceType ML_G7E_12XLARGE = known("ml.g7e.12xlarge");
    /** {@code ml.g7e.24xlarge}. */
    public static final InstanceType ML_G7E_24XLARGE = known("ml.g7e.24xlarge");
    /** {@code ml.g7e.48xlarge}. */
    public static final InstanceType ML_G7E_48XLARGE = known("ml.g7e.48xlarge");
    /** {@code ml.p4d.24xlarge}. */
    public static final InstanceType ML_P4D_24XLARGE = known("ml.p4d.24xlarge");
    /** {@code ml.c7g.large}. */
    public static final InstanceType ML_C7G_LARGE = known("ml.c7g.large");
    /** {@code ml.c7g.xlarge}. */
    public static final InstanceType ML_C7G_XLARGE = known("ml.c7g.xlarge");
    /** {@code ml.c7g.2xlarge}. */
    public static final InstanceType ML_C7G_2XLARGE = known("ml.c7g.2xlarge");
    /** {@code ml.c7g.4xlarge}. */
    public static final InstanceType ML_C7G_4XLARGE = known("ml.c7g.4xlarge");
    /** {@code ml.c7g.8xlarge}. */
    public static final InstanceType ML_C7G_8XLARGE = known("ml.c7g.8xlarge");
    /** {@code ml.c7g.12xlarge}. */
    public static final InstanceType ML_C7G_12XLARGE = known("ml.c7g.12xlarge");
    /** {@code ml.c7g.16xlarge}. */
    public static final InstanceType ML_C7G_16XLARGE = known("ml.c7g.16xlarge");
    /** {@code ml.m6g.large}. */
    public static final InstanceType ML_M6G_LARGE = known("ml.m6g.large");
    /** {@code ml.m6g.xlarge}. */
    public static final InstanceType ML_M6G_XLARGE = known("ml.m6g.xlarge");
    /** {@code ml.m6g.2xlarge}. */
    public static final InstanceType ML_M6G_2XLARGE = known("ml.m6g.2xlarge");
    /** {@code ml.m6g.4xlarge}. */
    public static final InstanceType ML_M6G_4XLARGE = known("ml.m6g.4xlarge");
    /** {@code ml.m6g.8xlarge}. */
    public static final InstanceType ML_M6G_8XLARGE = known("ml.m6g.8xlarge");
    /** {@code ml.m6g.12xlarge}. */
    public static final InstanceType ML_M6G_12XLARGE = known("ml.m6g.12xlarge");
    /** {@code ml.m6g.16xlarge}. */
    public static final InstanceType ML_M6G_16XLARGE = known("ml.m6g.16xlarge");
    /** {@code ml.m6gd.large}. */
    public static final InstanceType ML_M6GD_LARGE = known("ml.m6gd.large");
    /** {@code ml.m6gd.xlarge}. */
    public static final InstanceType ML_M6GD_XLARGE = known("ml.m6gd.xlarge");
    /** {@code ml.m6gd.2xlarge}. */
    public static final InstanceType ML_M6GD_2XLARGE = known("ml.m6gd.2xlarge");
    /** {@code ml.m6gd.4xlarge}. */
    public static final InstanceType ML_M6GD_4XLARGE = known("ml.m6gd.4xlarge");
    /** {@code ml.m6gd.8xlarge}. */
    public static final InstanceType ML_M6GD_8XLARGE = known("ml.m6gd.8xlarge");
    /** {@code ml.m6gd.12xlarge}. */
    public static final InstanceType ML_M6GD_12XLARGE = known("ml.m6gd.12xlarge");
    /** {@code ml.m6gd.16xlarge}. */
    public static final InstanceType ML_M6GD_16XLARGE = known("ml.m6gd.16xlarge");
    /** {@code ml.c6g.large}. */
    public static final InstanceType ML_C6G_LARGE = known("ml.c6g.large");
    /** {@code ml.c6g.xlarge}. */
    public static final InstanceType ML_C6G_XLARGE = known("ml.c6g.xlarge");
    /** {@code ml.c6g.2xlarge}. */
    public static final InstanceType ML_C6G_2XLARGE = known("ml.c6g.2xlarge");
    /** {@code ml.c6g.4xlarge}. */
    public static final InstanceType ML_C6G_4XLARGE = known("ml.c6g.4xlarge");
    /** {@code ml.c6g.8xlarge}. */
    public static final InstanceType ML_C6G_8XLARGE = known("ml.c6g.8xlarge");
    /** {@code ml.c6g.12xlarge}. */
    public static final InstanceType ML_C6G_12XLARGE = known("ml.c6g.12xlarge");
    /** {@code ml.c6g.16xlarge}. */
    public static final InstanceType ML_C6G_16XLARGE = known("ml.c6g.16xlarge");
    /** {@code ml.c6gd.large}. */
    public static final InstanceType ML_C6GD_LARGE = known("ml.c6gd.large");
    /** {@code ml.c6gd.xlarge}. */
    public static final InstanceType ML_C6GD_XLARGE = known("ml.c6gd.xlarge");
    /** {@code ml.c6gd.2xlarge}. */
    public static final InstanceType ML_C6GD_2XLARGE = known("ml.c6gd.2xlarge");
    /** {@code ml.c6gd.4xlarge}. */
    public static final InstanceType ML_C6GD_4XLARGE = known("ml.c6gd.4xlarge");
    /** {@code ml.c6gd.8xlarge}. */
    public static final InstanceType ML_C6GD_8XLARGE = known("ml.c6gd.8xlarge");
    /** {@code ml.c6gd.12xlarge}. */
    public static final InstanceType ML_C6GD_12XLARGE = known("ml.c6gd.12xlarge");
    /** {@code ml.c6gd.16xlarge}. */
    public static final InstanceType ML_C6GD_16XLARGE = known("ml.c6gd.16xlarge");
    /** {@code ml.c6gn.large}. */
    public static final InstanceType ML_C6GN_LARGE = known("ml.c6gn.large");
    /** {@code ml.c6gn.xlarge}. */
    public static final InstanceType ML_C6GN_XLARGE = known("ml.c6gn.xlarge");
    /** {@code ml.c6gn.2xlarge}. */
    public static final InstanceType ML_C6GN_2XLARGE = known("ml.c6gn.2xlarge");
    /** {@code ml.c6gn.4xlarge}. */
    public static final InstanceType ML_C6GN_4XLARGE = known("ml.c6gn.4xlarge");
    /** {@code ml.c6gn.8xlarge}. */
    public static final InstanceType ML_C6GN_8XLARGE = known("ml.c6gn.8xlarge");
    /** {@code ml.c6gn.12xlarge}. */
    public static final InstanceType ML_C6GN_12XLARGE = known("ml.c6gn.12xlarge");
    /** {@code ml.c6gn.16xlarge}. */
    public static final InstanceType ML_C6GN_16XLARGE = known("ml.c6gn.16xlarge");
    /** {@code ml.r6g.large}. */
    public static final InstanceType ML_R6G_LARGE = known("ml.r6g.large");
    /** {@code ml.r6g.xlarge}. */
    public static final InstanceType ML_R6G_XLARGE = known("ml.r6g.xlarge");
    /** {@code ml.r6g.2xlarge}. */
    public static final InstanceType ML_R6G_2XLARGE = known("ml.r6g.2xlarge");
    /** {@code ml.r6g.4xlarge}. */
    public static final InstanceType ML_R6G_4XLARGE = known("ml.r6g.4xlarge");
    /** {@code ml.r6g.8xlarge}. */
    public static final InstanceType ML_R6G_8XLARGE = known("ml.r6g.8xlarge");
    /** {@code ml.r6g.12xlarge}. */
    public static final InstanceType ML_R6G_12XLARGE = known("ml.r6g.12xlarge");
    /** {@code ml.r6g.16xlarge}. */
    public static final InstanceType ML_R6G_16XLARGE = known("ml.r6g.16xlarge");
    /** {@code ml.r6gd.large}. */
    public static final InstanceType ML_R6GD_LARGE = known("ml.r6gd.large");
    /** {@code ml.r6gd.xlarge}. */
    public static final InstanceType ML_R6GD_XLARGE = known("ml.r6gd.xlarge");
    /** {@code ml.r6gd.2xlarge}. */
    public static final InstanceType ML_R6GD_2XLARGE = known("ml.r6gd.2xlarge");
    /** {@code ml.r6gd.4xlarge}. */
    public static final InstanceType ML_R6GD_4XLARGE = known("ml.r6gd.4xlarge");
    /** {@code ml.r6gd.8xlarge}. */
    public static final InstanceType ML_R6GD_8XLARGE = known("ml.r6gd.8xlarge");
    /** {@code ml.r6gd.12xlarge}. */
    public static final InstanceType ML_R6GD_12XLARGE = known("ml.r6gd.12xlarge");
    /** {@code ml.r6gd.16xlarge}. */
    public static final InstanceType ML_R6GD_16XLARGE = known("ml.r6gd.16xlarge");
    /** {@code ml.p4de.24xlarge}. */
    public static final InstanceType ML_P4DE_24XLARGE = known("ml.p4de.24xlarge");
    /** {@code ml.trn1.2xlarge}. */
    public static final InstanceType ML_TRN1_2XLARGE = known("ml.trn1.2xlarge");
    /** {@code ml.trn1.32xlarge}. */
    public static final InstanceType ML_TRN1_32XLARGE = known("ml.trn1.32xlarge");
    /** {@code ml.trn1n.32xlarge}. */
    public static final InstanceType ML_TRN1N_32XLARGE = known("ml.trn1n.32xlarge");
    /** {@code ml.trn2.48xlarge}. */
    public static final InstanceType ML_TRN2_48XLARGE = known("ml.trn2.48xlarge");
    /** {@code ml.inf2.xlarge}. */
    public static final InstanceType ML_INF2_XLARGE = known("ml.inf2.xlarge");
    /** {@code ml.inf2.8xlarge}. */
    public static final InstanceType ML_INF2_8XLARGE = known("ml.inf2.8xlarge");
    /** {@code ml.inf2.24xlarge}. */
    public static final InstanceType ML_INF2_24XLARGE = known("ml.inf2.24xlarge");
    /** {@code ml.inf2.48xlarge}. */
    public static final InstanceType ML_INF2_48XLARGE = known("ml.inf2.48xlarge");
    /** {@code ml.p5.48xlarge}. */
    public static final InstanceType ML_P5_48XLARGE = known("ml.p5.48xlarge");
    /** {@code ml.p5.4xlarge}. */
    public static final InstanceType ML_P5_4XLARGE = known("ml.p5.4xlarge");
    /** {@code ml.p5e.48xlarge}. */
    public static final InstanceType ML_P5E_48XLARGE = known("ml.p5e.48xlarge");
    /** {@code ml.p5en.48xlarge}. */
    public static final InstanceType ML_P5EN_48XLARGE = known("ml.p5en.48xlarge");
    /** {@code ml.m7i.large}. */
    public static final InstanceType ML_M7I_LARGE = known("ml.m7i.large");
    /** {@code ml.m7i.xlarge}. */
    public static final InstanceType ML_M7I_XLARGE = known("ml.m7i.xlarge");
    /** {@code ml.m7i.2xlarge}. */
    public static final InstanceType ML_M7I_2XLARGE = known("ml.m7i.2xlarge");
    /** {@code ml.m7i.4xlarge}. */
    public static final InstanceType ML_M7I_4XLARGE = known("ml.m7i.4xlarge");
    /** {@code ml.m7i.8xlarge}. */
    public static final InstanceType ML_M7I_8XLARGE = known("ml.m7i.8xlarge");
    /** {@code ml.m7i.12xlarge}. */
    public static final InstanceType ML_M7I_12XLARGE = known("ml.m7i.12xlarge");
    /** {@code ml.m7i.16xlarge}. */
    public static final InstanceType ML_M7I_16XLARGE = known("ml.m7i.16xlarge");
    /** {@code ml.m7i.24xlarge}. */
    public static final InstanceType ML_M7I_24XLARGE = known("ml.m7i.24xlarge");
    /** {@code ml.m7i.48xlarge}. */
    public static final InstanceType ML_M7I_48XLARGE = known("ml.m7i.48xlarge");
    /** {@code ml.c7i.large}. */
    public static final InstanceType ML_C7I_LARGE = known("ml.c7i.large");
    /** {@code ml.c7i.xlarge}. */
    public static final InstanceType ML_C7I_XLARGE = known("ml.c7i.xlarge");
    /** {@code ml.c7i.2xlarge}. */
    public static final InstanceType ML_C7I_2XLARGE = known("ml.c7i.2xlarge");
    /** {@code ml.c7i.4xlarge}. */
    public static final InstanceType ML_C7I_4XLARGE = known("ml.c7i.4xlarge");
    /** {@code ml.c7i.8xlarge}. */
    public static final InstanceType ML_C7I_8XLARGE = known("ml.c7i.8xlarge");
    /** {@code ml.c7i.12xlarge}. */
    public static final InstanceType ML_C7I_12XLARGE = known("ml.c7i.12xlarge");
    /** {@code ml.c7i.16xlarge}. */
    public static final InstanceType ML_C7I_16XLARGE = known("ml.c7i.16xlarge");
    /** {@code ml.c7i.24xlarge}. */
    public static final InstanceType ML_C7I_24XLARGE = known("ml.c7i.24xlarge");
    /** {@code ml.c7i.48xlarge}. */
    public static final InstanceType ML_C7I_48XLARGE = known("ml.c7i.48xlarge");
    /** {@code ml.r7i.large}. */
    public static final InstanceType ML_R7I_LARGE = known("ml.r7i.large");
    /** {@code ml.r7i.xlarge}. */
    public static final InstanceType ML_R7I_XLARGE = known("ml.r7i.xlarge");
    /** {@code ml.r7i.2xlarge}. */
    public static final InstanceType ML_R7I_2XLARGE = known("ml.r7i.2xlarge");
    /** {@code ml.r7i.4xlarge}. */
    public static final InstanceType ML_R7I_4XLARGE = known("ml.r7i.4xlarge");
    /** {@code ml.r7i.8xlarge}. */
    public static final InstanceType ML_R7I_8XLARGE = known("ml.r7i.8xlarge");
    /** {@code ml.r7i.12xlarge}. */
    public static final InstanceType ML_R7I_12XLARGE = known("ml.r7i.12xlarge");
    /** {@code ml.r7i.16xlarge}. */
    public static final InstanceType ML_R7I_16XLARGE = known("ml.r7i.16xlarge");
    /** {@code ml.r7i.24xlarge}. */
    public static final InstanceType ML_R7I_24XLARGE = known("ml.r7i.24xlarge");
    /** {@code ml.r7i.48xlarge}. */
    public static final InstanceType ML_R7I_48XLARGE = known("ml.r7i.48xlarge");
    /** {@code ml.c8g.medium}. */
    public static final InstanceType ML_C8G_MEDIUM = known("ml.c8g.medium");
    /** {@code ml.c8g.large}. */
    public static final InstanceType ML_C8G_LARGE = known("ml.c8g.large");
    /** {@code ml.c8g.xlarge}. */
    public static final InstanceType ML_C8G_XLARGE = known("ml.c8g.xlarge");
    /** {@code ml.c8g.2xlarge}. */
    public static final InstanceType ML_C8G_2XLARGE = known("ml.c8g.2xlarge");
    /** {@code ml.c8g.4xlarge}. */
    public static final InstanceType ML_C8G_4XLARGE = known("ml.c8g.4xlarge");
    /** {@code ml.c8g.8xlarge}. */
    public static final InstanceType ML_C8G_8XLARGE = known("ml.c8g.8xlarge");
    /** {@code ml.c8g.12xlarge}. */
    public static final InstanceType ML_C8G_12XLARGE = known("ml.c8g.12xlarge");
    /** {@code ml.c8g.16xlarge}. */
    public static final InstanceType ML_C8G_16XLARGE = known("ml.c8g.16xlarge");
    /** {@code ml.c8g.24xlarge}. */
    public static final InstanceType ML_C8G_24XLARGE = known("ml.c8g.24xlarge");
    /** {@code ml.c8g.48xlarge}. */
    public static final InstanceType ML_C8G_48XLARGE = known("ml.c8g.48xlarge");
    /** {@code ml.r7gd.medium}. */
    public static final InstanceType ML_R7GD_MEDIUM = known("ml.r7gd.medium");
    /** {@code ml.r7gd.large}. */
    public static final InstanceType ML_R7GD_LARGE = known("ml.r7gd.large");
    /** {@code ml.r7gd.xlarge}. */
    public static final InstanceType ML_R7GD_XLARGE = known("ml.r7gd.xlarge");
    /** {@code ml.r7gd.2xlarge}. */
    public static final InstanceType ML_R7GD_2XLARGE = known("ml.r7gd.2xlarge");
    /** {@code ml.r7gd.4xlarge}. */
    public static final InstanceType ML_R7GD_4XLARGE = known("ml.r7gd.4xlarge");
    /** {@code ml.r7gd.8xlarge}. */
    public static final InstanceType ML_R7GD_8XLARGE = known("ml.r7gd.8xlarge");
    /** {@code ml.r7gd.12xlarge}. */
    public static final InstanceType ML_R7GD_12XLARGE = known("ml.r7gd.12xlarge");
    /** {@code ml.r7gd.16xlarge}. */
    public static final InstanceType ML_R7GD_16XLARGE = known("ml.r7gd.16xlarge");
    /** {@code ml.m8g.medium}. */
    public static final InstanceType ML_M8G_MEDIUM = known("ml.m8g.medium");
    /** {@code ml.m8g.large}. */
    public static final InstanceType ML_M8G_LARGE = known("ml.m8g.large");
    /** {@code ml.m8g.xlarge}. */
    public static final InstanceType ML_M8G_XLARGE = known("ml.m8g.xlarge");
    /** {@code ml.m8g.2xlarge}. */
    public static final InstanceType ML_M8G_2XLARGE = known("ml.m8g.2xlarge");
    /** {@code ml.m8g.4xlarge}. */
    public static final InstanceType ML_M8G_4XLARGE = known("ml.m8g.4xlarge");
    /** {@code ml.m8g.8xlarge}. */
    public static final InstanceType ML_M8G_8XLARGE = known("ml.m8g.8xlarge");
    /** {@code ml.m8g.12xlarge}. */
    public static final InstanceType ML_M8G_12XLARGE = known("ml.m8g.12xlarge");
    /** {@code ml.m8g.16xlarge}. */
    public static final InstanceType ML_M8G_16XLARGE = known("ml.m8g.16xlarge");
    /** {@code ml.m8g.24xlarge}. */
    public static final InstanceType ML_M8G_24XLARGE = known("ml.m8g.24xlarge");
    /** {@code ml.m8g.48xlarge}. */
    public static final InstanceType ML_M8G_48XLARGE = known("ml.m8g.48xlarge");
    /** {@code ml.c6in.large}. */
    public static final InstanceType ML_C6IN_LARGE = known("ml.c6in.large");
    /** {@code ml.c6in.xlarge}. */
    public static final InstanceType ML_C6IN_XLARGE = known("ml.c6in.xlarge");
    /** {@code ml.c6in.2xlarge}. */
    public static final InstanceType ML_C6IN_2XLARGE = known("ml.c6in.2xlarge");
    /** {@code ml.c6in.4xlarge}. */
    public static final InstanceType ML_C6IN_4XLARGE = known("ml.c6in.4xlarge");
    /** {@code ml.c6in.8xlarge}. */
    public static final InstanceType ML_C6IN_8XLARGE = known("ml.c6in.8xlarge");
    /** {@code ml.c6in.12xlarge}. */
    public static final InstanceType ML_C6IN_12XLARGE = known("ml.c6in.12xlarge");
    /** {@code ml.c6in.16xlarge}. */
    public static final InstanceType ML_C6IN_16XLARGE = known("ml.c6in.16xlarge");
    /** {@code ml.c6in.24xlarge}. */
    public static final InstanceType ML_C6IN_24XLARGE = known("ml.c6in.24xlarge");
    /** {@code ml.c6in.32xlarge}. */
    public static final InstanceType ML_C6IN_32XLARGE = known("ml.c6in.32xlarge");
    /** {@code ml.p6-b200.48xlarge}. */
    public static final InstanceType ML_P6_B200_48XLARGE = known("ml.p6-b200.48xlarge");
    /** {@code ml.p6-b300.48xlarge}. */
    public static final InstanceType ML_P6_B300_48XLARGE = known("ml.p6-b300.48xlarge");
    /** {@code ml.p6e-gb200.36xlarge}. */
    public static final InstanceType ML_P6E_GB200_36XLARGE = known("ml.p6e-gb200.36xlarge");

    /**
     * Returns the instance type with this name.
     *
     * @param name a name of the form {@code ml.<family>.<size>}, for example {@code ml.g5.2xlarge}
     * @throws SpecValidationException if the name is null, longer than {@value #LONGEST_NAME}
     *     characters or does not have that form; the message names the closest known types
     */
    public static InstanceType of(String name) {
        if (name == null) {
            throw new SpecValidationException(List.of(Violation.of("instanceType", null,
                    "name must not be null", "give a SageMaker hosting instance type such as ml.g5.2xlarge")));
        }
        InstanceType known = KNOWN.get(name);
        if (known != null) {
            return known;
        }
        if (name.length() > LONGEST_NAME) {
            throw new SpecValidationException(List.of(Violation.of("instanceType", dev.ballast.internal.validation.Rules.key(name),
                    "must be at most " + LONGEST_NAME + " characters (is " + name.length() + ")",
                    "use a SageMaker hosting instance type such as ml.g5.2xlarge")));
        }
        if (!SHAPE.matcher(name).matches()) {
            String closest = closestKnown(name).stream().collect(Collectors.joining(", "));
            throw new SpecValidationException(List.of(Violation.of("instanceType", dev.ballast.internal.validation.Rules.key(name),
                    "must have the form ml.<family>.<size>",
                    "use a SageMaker hosting instance type" + (closest.isEmpty() ? "" : ", for example " + closest))));
        }
        return new InstanceType(name);
    }

    /** @return every instance type this release of Ballast knows by name, in SageMaker's order with the sizes of a family together */
    public static List<InstanceType> known() {
        return List.copyOf(KNOWN.values());
    }

    /** @return the name SageMaker uses, for example {@code ml.g5.2xlarge} */
    public String name() {
        return name;
    }

    /** @return the family, for example {@code g5} for {@code ml.g5.2xlarge} */
    public String family() {
        return name.substring(3, name.lastIndexOf('.'));
    }

    /** @return whether this type was in SageMaker's list when this release of Ballast was made */
    public boolean isKnown() {
        return KNOWN.containsKey(name);
    }

    /**
     * @return the hardware of this type; present for every {@linkplain #isKnown() known} type,
     *     empty for a type newer than this release (the capacity check is then skipped with a
     *     logged warning)
     */
    public Optional<InstanceShape> shape() {
        return Optional.ofNullable(SHAPES.get(name));
    }

    /** Known names of the same family first (a typo is rarely in the family), then by edit distance. */
    static List<String> closestKnown(String name) {
        // The edit distance costs the product of the lengths: a long name is compared by its start.
        String probe = name.substring(0, Math.min(name.length(), 40)).toLowerCase(Locale.ROOT);
        String withoutPrefix = probe.startsWith("ml.") ? probe.substring(3) : probe;
        String family = withoutPrefix.contains(".") ? withoutPrefix.substring(0, withoutPrefix.indexOf('.')) : withoutPrefix;
        String full = probe.startsWith("ml.") ? probe : "ml." + probe;
        return KNOWN.keySet().stream()
                .sorted(Comparator.comparingInt((String k) -> k.startsWith("ml." + family + ".") ? 0 : 1)
                        .thenComparingInt(k -> editDistance(full, k)).thenComparing(k -> k))
                .limit(3)
                .collect(Collectors.toUnmodifiableList());
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    @Override
    public int compareTo(InstanceType other) {
        return name.compareTo(other.name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InstanceType && ((InstanceType) o).name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    /** @return the SageMaker name, for example {@code ml.g5.2xlarge} */
    @Override
    public String toString() {
        return name;
    }
}
