package dev.ballast.plan;

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
import java.util.Objects;
import java.util.Optional;

/**
 * Hourly prices of SageMaker real-time inference instance types in US dollars, with what they are
 * (for example {@code us-east-1 on-demand}): what a plan prices its {@link Surge} with.
 *
 * <p>{@link #defaults()} is carried as data, {@code dev/ballast/plan/sagemaker-prices-us-east-1.csv}:
 * the us-east-1 on-demand list prices of AWS's pricing page
 * (<a href="https://aws.amazon.com/sagemaker/pricing/">aws.amazon.com/sagemaker/pricing</a>, Real-Time
 * Inference) as of the date in the file's first line, for the types whose price was found; another
 * type's surge is stated without dollars. Another region, a discount or a newer list: build a table
 * with {@link #of(String, Map)} and price a plan with {@link Plan#priced(PriceTable)}.
 *
 * <pre>{@code
 * Map<String, BigDecimal> mine = new HashMap<>(PriceTable.defaults().usdPerHour());
 * mine.put("ml.g5.2xlarge", new BigDecimal("1.21"));                 // a negotiated price
 * Plan plan = ballast.plan(spec).priced(PriceTable.of("our contract", mine));
 * }</pre>
 */
public final class PriceTable {

    static final String RESOURCE = "sagemaker-prices-us-east-1.csv";
    static final String HEADER = "type,usd_per_hour";

    private static final class Defaults {
        private static final PriceTable TABLE = load();
    }

    private final String basis;
    private final Map<String, BigDecimal> usdPerHour;
    private final String source;

    private PriceTable(String basis, Map<String, BigDecimal> usdPerHour, String source) {
        this.basis = basis;
        this.usdPerHour = usdPerHour;
        this.source = source;
    }

    /** @return the us-east-1 on-demand list prices carried with this release (see the class comment) */
    public static PriceTable defaults() {
        return Defaults.TABLE;
    }

    /**
     * @param basis what the prices are, as the plan prints it after "at", for example
     *     {@code eu-west-1 on-demand}
     * @param usdPerHour the hourly price of one instance by type name ({@code ml.g5.2xlarge}), in US
     *     dollars
     * @return a table of those prices
     * @throws IllegalArgumentException if a price is negative
     */
    public static PriceTable of(String basis, Map<String, BigDecimal> usdPerHour) {
        Objects.requireNonNull(basis, "basis");
        Map<String, BigDecimal> copy = new LinkedHashMap<>();
        usdPerHour.forEach((type, price) -> {
            Objects.requireNonNull(type, "instance type");
            Objects.requireNonNull(price, "price of " + type);
            if (price.signum() < 0) {
                throw new IllegalArgumentException("the price of " + type + " must not be negative: " + price);
            }
            copy.put(type, price);
        });
        return new PriceTable(basis, Collections.unmodifiableMap(copy), "given");
    }

    /** @return what the prices are, for example {@code us-east-1 on-demand} */
    public String basis() {
        return basis;
    }

    /** @return where the prices come from and as of when (the data file's first line), or {@code given} */
    public String source() {
        return source;
    }

    /** @return every price, by instance type name, in US dollars per instance-hour */
    public Map<String, BigDecimal> usdPerHour() {
        return usdPerHour;
    }

    /**
     * @param instanceType a type name, for example {@code ml.g5.2xlarge}
     * @return its hourly price in US dollars, if the table has one
     */
    public Optional<BigDecimal> usdPerHour(String instanceType) {
        return Optional.ofNullable(usdPerHour.get(instanceType));
    }

    /** @return for example {@code PriceTable{us-east-1 on-demand, 31 types}} */
    @Override
    public String toString() {
        return "PriceTable{" + basis + ", " + usdPerHour.size() + " types}";
    }

    private static PriceTable load() {
        try (InputStream in = PriceTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the price table dev/ballast/plan/" + RESOURCE + " is missing");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dev/ballast/plan/" + RESOURCE, e);
        }
    }

    /**
     * @param lines the file: a first comment line naming the source and date, comments ({@code #}
     *     to the end of a line) and blank lines, the header, then one row per type
     * @return the us-east-1 on-demand table
     * @throws IllegalStateException naming the line of a malformed row
     */
    static PriceTable parse(List<String> lines) {
        if (lines.isEmpty() || !lines.get(0).startsWith("# source: ") || !lines.get(0).contains("date: ")) {
            throw new IllegalStateException(RESOURCE + " line 1: must name the source and the date (# source: ...; date: ...)");
        }
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        boolean headerSeen = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            line = (hash < 0 ? line : line.substring(0, hash)).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (!headerSeen) {
                if (!line.equals(HEADER)) {
                    throw new IllegalStateException(RESOURCE + " line " + (i + 1) + ": the header must be " + HEADER);
                }
                headerSeen = true;
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 2) {
                throw new IllegalStateException(RESOURCE + " line " + (i + 1) + ": expected 2 fields, found " + f.length);
            }
            BigDecimal price;
            try {
                price = new BigDecimal(f[1].strip());
            } catch (NumberFormatException e) {
                throw new IllegalStateException(RESOURCE + " line " + (i + 1) + ": not a price: " + f[1].strip(), e);
            }
            if (price.signum() < 0 || prices.putIfAbsent(f[0].strip(), price) != null) {
                throw new IllegalStateException(RESOURCE + " line " + (i + 1) + ": a negative price or a type listed twice: " + f[0].strip());
            }
        }
        return new PriceTable("us-east-1 on-demand", Collections.unmodifiableMap(prices), lines.get(0).substring(2));
    }
}
