package dev.ballast;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the hardware table {@code dev/ballast/instance-types.csv}: one row per instance type with
 * vCPUs, host memory and accelerators (the file's header comment describes the columns). It is the
 * only hardware table: the capacity check and the testkit's placement both read it through
 * {@link InstanceType#shape()}.
 */
final class InstanceCatalogue {

    static final String RESOURCE = "instance-types.csv";
    static final String HEADER = "type,vcpus,memory_gib,accelerators,accelerator,accelerator_memory_gib";
    private static final BigDecimal MIB_PER_GIB = BigDecimal.valueOf(1024);

    private InstanceCatalogue() {
    }

    /** @return the shapes by type name, in the file's order */
    static Map<String, InstanceShape> load() {
        try (InputStream in = InstanceCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the instance hardware table dev/ballast/" + RESOURCE + " is missing");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dev/ballast/" + RESOURCE, e);
        }
    }

    /**
     * @param lines the table's lines: comments ({@code #} to the end of a line) and blank lines,
     *     the header, then rows
     * @return the shapes by type name, in the given order
     * @throws IllegalStateException naming the line of a malformed row
     */
    static Map<String, InstanceShape> parse(List<String> lines) {
        Map<String, InstanceShape> shapes = new LinkedHashMap<>();
        boolean headerSeen = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = withoutComment(lines.get(i)).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (!headerSeen) {
                if (!line.equals(HEADER)) {
                    throw malformed(i, "the header must be " + HEADER);
                }
                headerSeen = true;
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 6) {
                throw malformed(i, "expected 6 fields, found " + f.length);
            }
            String type = f[0].strip();
            InstanceShape shape;
            try {
                shape = new InstanceShape(Integer.parseInt(f[1].strip()), mib(f[2]), Integer.parseInt(f[3].strip()),
                        Optional.of(f[4].strip()).filter(s -> !s.isEmpty()), mib(f[5]));
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw malformed(i, e.getMessage());
            }
            if (shapes.putIfAbsent(type, shape) != null) {
                throw malformed(i, type + " is listed twice");
            }
        }
        return Collections.unmodifiableMap(shapes);
    }

    private static String withoutComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    /** Nominal GiB (possibly fractional, like 3.75) to a whole number of MiB. */
    private static long mib(String gib) {
        return new BigDecimal(gib.strip()).multiply(MIB_PER_GIB).longValueExact();
    }

    private static IllegalStateException malformed(int index, String reason) {
        return new IllegalStateException(RESOURCE + " line " + (index + 1) + ": " + reason);
    }
}
