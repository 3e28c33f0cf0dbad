package dev.ballast.internal.validation;

import dev.ballast.error.SpecValidationException;
import dev.ballast.error.Violation;
import dev.ballast.spec.AlarmSpec;
import dev.ballast.spec.TrafficShiftSpec;
import dev.ballast.spec.VariantSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks a {@link TrafficShiftSpec} against its endpoint; throws one {@link SpecValidationException} with every violation. */
public final class TrafficShiftValidator {

    private TrafficShiftValidator() {
    }

    /**
     * @param shift the shift to check
     * @throws SpecValidationException listing every violation, if there is any
     */
    public static void validate(TrafficShiftSpec shift) {
        List<Violation> nulls = Nulls.of(shift);
        if (!nulls.isEmpty()) {
            throw new SpecValidationException("a traffic shift", nulls);
        }
        List<Violation> violations = new ArrayList<>();
        Checks checks = new Checks(violations);
        if (shift.endpoint() == null) {
            violations.add(Violation.of("endpoint", null, "is required", "start with TrafficShift.of(endpointSpec)"));
        }
        if (shift.targetVariant() == null) {
            violations.add(Violation.of("to", null, "is required", "name the variant that receives the traffic: .to(\"model-v2-variant\")"));
        }
        if (shift.endpoint() != null && shift.targetVariant() != null) {
            List<String> names = shift.endpoint().variants().stream().map(VariantSpec::name).toList();
            if (shift.endpoint().variant(shift.targetVariant()).isEmpty()) {
                violations.add(Violation.of("to", Rules.quote(shift.targetVariant()), "must be a variant of endpoint '" + shift.endpoint().name() + "'",
                        "use one of " + names));
            }
            if (names.size() < 2) {
                violations.add(Violation.of("endpoint.variants", names, "must be at least two: traffic moves between live variants",
                        "add the variant that gives the traffic up"));
            }
        }
        if (shift.steps().isEmpty()) {
            violations.add(Violation.of("steps", "none", "must have at least one step", "for example steps(10, 25, 50, 100)"));
        }
        int previous = 0;
        for (int i = 0; i < shift.steps().size(); i++) {
            int step = shift.steps().get(i);
            if (step < 1 || step > 100) {
                violations.add(Violation.of("steps[" + i + "]", step + "%", "must be between 1% and 100%", "for example steps(10, 25, 50, 100)"));
            } else if (step <= previous) {
                violations.add(Violation.of("steps[" + i + "]", step + "%", "must be above the step before it (" + previous + "%): a shift only moves traffic towards its target",
                        "list the steps rising, for example steps(10, 25, 50, 100)"));
            }
            previous = Math.max(previous, step);
        }
        if (shift.waitPerStep() == null) {
            violations.add(Violation.of("waitEach", null, "is required", "for example waitEach(Duration.ofMinutes(5))"));
        } else if (shift.waitPerStep().isNegative() || shift.waitPerStep().getSeconds() > 86_400) {
            violations.add(Violation.of("waitEach", Rules.describe(shift.waitPerStep()), "must be between 0 s and one day",
                    "wait long enough for the checks to see the new share's traffic, for example waitEach(Duration.ofMinutes(5))"));
        }
        if (shift.endpoint() != null && shift.targetVariant() != null) {
            List<String> alarmNames = shift.alarmCheckNames();
            java.util.Map<String, AlarmSpec> seen = new java.util.HashMap<>();
            for (int i = 0; i < shift.alarmChecks().size(); i++) {
                AlarmSpec a = shift.alarmChecks().get(i);
                checks.alarm("checkAlarms[" + Rules.key(alarmNames.get(i)) + "]", a, alarmNames.get(i), "variant");
                AlarmSpec first = seen.putIfAbsent(alarmNames.get(i).toLowerCase(java.util.Locale.ROOT), a);
                if (first != null && !first.equals(a)) {
                    violations.add(Violation.of("checkAlarms[" + Rules.key(alarmNames.get(i)) + "]", Rules.quote(alarmNames.get(i)),
                            "must be unique: another alarm check has this name and another definition",
                            "name one of them explicitly with Alarm...named(\"...\")"));
                }
            }
        }
        for (String existing : shift.existingAlarmChecks()) {
            Rules.alarmName("checkAlarmNamed", existing, "", "give the alarm's CloudWatch name").ifPresent(violations::add);
        }
        for (AlarmSpec m : shift.metricChecks()) {
            String path = "checkMetric[" + Rules.key(m.metricName()) + "]";
            checks.alarm(path, m, "metric-check", "variant");
        }
        if (!violations.isEmpty()) {
            throw new SpecValidationException(shift.endpoint() == null ? "a traffic shift"
                    : "traffic shift of endpoint '" + Rules.key(shift.endpoint().name()) + "'", violations);
        }
    }
}
