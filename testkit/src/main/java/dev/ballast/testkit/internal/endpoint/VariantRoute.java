package dev.ballast.testkit.internal.endpoint;

import dev.ballast.testkit.internal.placement.Copy;
import dev.ballast.testkit.internal.placement.Fleet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One variant an invocation of a model-based endpoint can be routed to
 * (<a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpoint.html">
 * InvokeEndpoint</a>): its traffic weight and the copies that take its traffic. {@code InvokeEndpoint} picks
 * the route first (by {@code TargetVariant}, else by weight among the routes that take traffic), then the side
 * that serves the invocation: during a blue/green shift {@code shifted} (the new fleet) takes
 * {@code shiftedShare} of the variant's traffic and {@code main} the rest; otherwise only one side serves.
 *
 * @param variantName the variant's name, as routing and {@code TargetVariant} match it (case-insensitively)
 * @param weight the variant's traffic weight
 * @param main the copies that take the variant's traffic but the shifted share; null when none do
 * @param shifted the new fleet's copies that take {@code shiftedShare} of it; null when none do
 * @param shiftedShare the share of the variant's traffic {@code shifted} takes when both sides serve
 */
public record VariantRoute(String variantName, float weight, Side main, Side shifted, double shiftedShare) {

    /**
     * The copies one side of a route serves from.
     *
     * @param fleet the variant's fleet the side belongs to (it names the invoked variant)
     * @param copies the copies that take traffic
     * @param instances the instances serving, for {@code InvocationsPerInstance}
     */
    public record Side(Fleet fleet, List<Copy> copies, int instances) {

        /** @return the side of {@code set}'s {@code fleet}: the copies {@code serves} accepts, its running instances */
        static Side of(VariantSet set, Fleet fleet, Predicate<Copy> serves) {
            return new Side(fleet, servingCopies(set, fleet, serves), fleet.running());
        }
    }

    /** @return a route served by one side only */
    static VariantRoute single(String variantName, float weight, Side side) {
        return new VariantRoute(variantName, weight, side, null, 0);
    }

    /** @return one route per model-based variant of {@code set}, each served by the set alone */
    static List<VariantRoute> allOf(VariantSet set, Predicate<Copy> serves) {
        List<VariantRoute> routes = new ArrayList<>();
        for (Fleet fleet : set.routedFleets()) {
            routes.add(single(fleet.variantName(), set.weights.get(fleet), Side.of(set, fleet, serves)));
        }
        return routes;
    }

    /** @return the variant's copies in {@code set} that {@code serves} accepts */
    static List<Copy> servingCopies(VariantSet set, Fleet fleet, Predicate<Copy> serves) {
        return set.modelCopies.getOrDefault(fleet, List.of()).stream().filter(serves).toList();
    }

    /** @return whether weighted routing may pick this route: it has a weight and a side with copies */
    public boolean takesTraffic() {
        return weight > 0 && (serves(main) || serves(shifted));
    }

    /** @return whether both sides serve, so that the variant's traffic is split between them */
    public boolean split() {
        return serves(main) && serves(shifted);
    }

    /**
     * @param draw a uniform draw in [0, 1), used only when the route is {@linkplain #split() split}
     * @return the side that serves the invocation, or null when neither serves
     */
    public Side pick(double draw) {
        if (!serves(shifted)) {
            return serves(main) ? main : null;
        }
        if (!serves(main)) {
            return shifted;
        }
        return draw < shiftedShare ? shifted : main;
    }

    private static boolean serves(Side side) {
        return side != null && !side.copies().isEmpty();
    }
}
