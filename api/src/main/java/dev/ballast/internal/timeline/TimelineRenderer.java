package dev.ballast.internal.timeline;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ballast.event.DeploymentEvent;
import dev.ballast.internal.timeline.TextLayout.Anchor;
import dev.ballast.internal.timeline.TimelineModel.Band;
import dev.ballast.internal.timeline.TimelineModel.Count;
import dev.ballast.internal.timeline.TimelineModel.Lane;
import dev.ballast.internal.timeline.TimelineModel.LaneKind;
import dev.ballast.internal.timeline.TimelineModel.Rollback;
import dev.ballast.internal.timeline.TimelineModel.Segment;
import dev.ballast.internal.timeline.TimelineModel.Tick;
import dev.ballast.outcome.Outcome;

/**
 * Draws a deployment's events as one SVG picture on one time axis, and the self-contained HTML
 * page around it (inline SVG and an inline style only: nothing is fetched, it opens offline). All
 * text is XML-escaped; events carry no secret, so neither does the picture.
 *
 * <p>Layout, top to bottom: title, outcome and clock; a marker row (rollbacks, the end); one lane
 * per endpoint, variant and component (name, counts as stacked areas with the surge shaded above
 * the steady count, batch, bake and stage bands, a status strip, a traffic-share strip for
 * variants); one strip per alarm; a row of ticks for steps, checks and other events; the time axis;
 * the legend. Every text goes through {@link TextLayout}, which leaves out an optional label that
 * would overlap another.
 */
public final class TimelineRenderer {

    /** A moment someone wants on the picture that is no deployment event, shown as a labelled tick. */
    public record Note(Instant at, String text) {
    }

    /** Where a key element was drawn, in SVG user units (one CSS pixel at 100 % zoom). */
    public record Mark(String id, double x, double y, double width, double height, String fill) {
    }

    /** A drawn picture: the SVG document, every text's box, the key elements' places, its size. */
    public record Rendering(String svg, List<TextLayout.Box> texts, List<Mark> marks, double width, double height) {
    }

    static final double WIDTH = 1280;
    static final double LX = 12;
    static final double PX0 = 316;
    static final double PX1 = 1256;
    static final String FONT = "DejaVu Sans Mono, Menlo, Consolas, Liberation Mono, monospace";

    static final String OLD = "#4e79a7";
    static final String NEW = "#59a14f";
    static final String UNSPLIT = "#9d9d9d";
    static final String INSTANCES = "#76b7b2";
    static final String SURGE = "#f28e2b";
    static final String BATCH = "#edc948";
    static final String BAKE = "#b07aa1";
    static final String STAGE = "#9ecae9";
    static final String ALARM_OK = "#59a14f";
    static final String ALARM = "#e15759";
    static final String INSUFFICIENT = "#c7c7c7";
    static final String ROLLBACK = "#d62728";
    static final String PASS = "#2ca02c";
    static final String FAIL = "#d62728";
    static final String STEP = "#7f7f7f";
    static final String OTHER = "#9467bd";
    static final String WEIGHT = "#ff9da7";
    static final String TEXT = "#222222";
    static final String MUTED = "#666666";

    private static final double AREA = 48;

    private final TimelineModel model;
    private final Svg svg = new Svg();
    private final TextLayout texts = new TextLayout();
    private final List<Mark> marks = new ArrayList<>();
    /** The legend's entries this picture uses: the legend names only what is drawn. */
    private final java.util.Set<String> used = new java.util.HashSet<>();
    private final double span;

    private TimelineRenderer(TimelineModel model) {
        this.model = model;
        this.span = Math.max(60, Duration.between(model.start, model.end).toMillis() / 1000.0);
    }

    /**
     * Draws the picture.
     *
     * @param title what the picture shows, for example {@code endpoint rolling-demo}
     * @param events the deployment's events, in order
     * @param notes extra moments to show as ticks
     * @return the SVG and its layout
     */
    public static Rendering render(String title, List<? extends DeploymentEvent> events, List<Note> notes) {
        return new TimelineRenderer(TimelineModel.read(events, notes)).draw(title);
    }

    /**
     * The self-contained page: the picture, then every event as a row of a table.
     *
     * @return an HTML document
     */
    public static String html(String title, Rendering rendering, List<? extends DeploymentEvent> events, List<Note> notes) {
        Instant start = events.isEmpty() ? notes.isEmpty() ? Instant.EPOCH : notes.get(0).at() : events.get(0).at();
        for (Note n : notes) {
            start = n.at().isBefore(start) ? n.at() : start;
        }
        StringBuilder page = new StringBuilder(rendering.svg().length() + 8192);
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(Svg.escape(title)).append("</title>\n<style>\n")
                .append("body{margin:16px;font-family:").append(FONT).append(";color:#222;background:#fff}\n")
                .append("h2{font-size:15px;margin:24px 0 8px}\n")
                .append("table{border-collapse:collapse;font-size:12px}\n")
                .append("td,th{padding:2px 10px 2px 0;text-align:left;vertical-align:top;border-bottom:1px solid #eee}\n")
                .append("td:nth-child(-n+2),th{white-space:nowrap}\n")
                .append("svg{display:block}\n")
                .append("</style>\n</head>\n<body>\n").append(rendering.svg()).append('\n')
                .append("<h2>Events</h2>\n<table>\n<tr><th>since start</th><th>at</th><th>event</th></tr>\n");
        List<Object> rows = new ArrayList<>(events);
        rows.addAll(notes);
        rows.sort((a, b) -> at(a).compareTo(at(b)));
        for (Object row : rows) {
            Instant at = at(row);
            String text = row instanceof Note n ? "note: " + n.text() : ((DeploymentEvent) row).describe();
            page.append("<tr><td>").append(clock(Duration.between(start, at).getSeconds(), true)).append("</td><td>")
                    .append(Svg.escape(at.toString())).append("</td><td>").append(Svg.escape(text)).append("</td></tr>\n");
        }
        page.append("</table>\n<p style=\"color:#666;font-size:12px\">Drawn by Ballast from the deployment's events;"
                + " times are the engine's clock (simulated on the fake, real on AWS).</p>\n</body>\n</html>\n");
        return page.toString();
    }

    private static Instant at(Object o) {
        return o instanceof Note n ? n.at() : ((DeploymentEvent) o).at();
    }

    private double x(Instant at) {
        double s = Duration.between(model.start, at).toMillis() / 1000.0;
        return PX0 + (PX1 - PX0) * Math.max(0, Math.min(1, s / span));
    }

    private Rendering draw(String title) {
        // title, outcome, clock
        String shownTitle = TextLayout.fit(title, 16, PX1 - LX);
        texts.place(LX, 26, shownTitle, 16, Anchor.START);
        svg.text("text", shownTitle, "x", LX, "y", 26.0, "font-size", 16, "font-weight", "bold", "fill", TEXT);
        Outcome outcome = model.outcome;
        String summary = outcome == null ? "no outcome: the deployment had not ended when these events were taken" : outcome.summary();
        String shownSummary = TextLayout.fit(summary, 12, PX1 - LX);
        texts.place(LX, 46, shownSummary, 12, Anchor.START);
        svg.open("text", "x", LX, "y", 46.0, "font-size", 12, "font-weight", "bold", "fill", outcomeColour(outcome), "id", "outcome")
                .text("title", summary).raw(Svg.escape(shownSummary)).close("text");
        String clockLine = "time since " + model.start.truncatedTo(ChronoUnit.SECONDS) + " on the engine's clock (simulated on the fake,"
                + " real on AWS); " + clock(Duration.between(model.start, model.end).getSeconds(), true) + " in all";
        String shownClock = TextLayout.fit(clockLine, 11, PX1 - LX);
        texts.place(LX, 64, shownClock, 11, Anchor.START);
        svg.text("text", shownClock, "x", LX, "y", 64.0, "font-size", 11, "fill", MUTED);

        double markerTop = 74;
        double y = 104;
        for (Lane lane : model.lanes.values()) {
            y = lane(lane, y);
        }
        int i = 0;
        List<String> alarmLabels = TextLayout.fitDistinct("alarm ", List.copyOf(model.alarms.keySet()), 11, PX0 - LX - 12);
        for (Map.Entry<String, List<Segment>> alarm : model.alarms.entrySet()) {
            y = alarm(i, alarm.getKey(), alarmLabels.get(i), alarm.getValue(), y);
            i++;
        }
        y = ticks(y);
        double axisY = y + 6;
        markers(markerTop, axisY);
        double after = axis(axisY);
        double height = legend(after + 10);

        String doc = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + Svg.num(WIDTH) + "\" height=\"" + Svg.num(height)
                + "\" viewBox=\"0 0 " + Svg.num(WIDTH) + " " + Svg.num(height) + "\" font-family=\"" + FONT + "\" role=\"img\""
                + " aria-label=\"" + Svg.escape("timeline: " + title) + "\">"
                + "<defs><pattern id=\"surge\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\""
                + " patternTransform=\"rotate(45)\"><rect width=\"3\" height=\"6\" fill=\"" + SURGE + "\"/></pattern></defs>"
                + "<rect x=\"0\" y=\"0\" width=\"" + Svg.num(WIDTH) + "\" height=\"" + Svg.num(height) + "\" fill=\"#ffffff\"/>"
                + svg + "</svg>";
        return new Rendering(doc, texts.boxes(), List.copyOf(marks), WIDTH, height);
    }

    private static String outcomeColour(Outcome outcome) {
        if (outcome == null) {
            return MUTED;
        }
        if (outcome instanceof Outcome.Succeeded) {
            return PASS;
        }
        return outcome instanceof Outcome.RolledBack ? ROLLBACK : "#c85200";
    }

    /** Draws one resource's lane from y; returns the y below it. */
    private double lane(Lane lane, double y) {
        String name = TextLayout.fitMiddle(laneName(lane), 12, PX0 - LX - 12);
        texts.place(LX, y + 13, name, 12, Anchor.START);
        svg.open("text", "x", LX, "y", y + 13, "font-size", 12, "font-weight", "bold", "fill", TEXT).text("title", lane.key)
                .raw(Svg.escape(name)).close("text");
        double areaTop = y + 18;
        // a lane without counts (a variant endpoint's own lane) is its header and status strip only
        double area = lane.hasCounts() ? AREA : 0;
        double statusTop = areaTop + area + 2;
        double bottom = statusTop + 12;
        boolean weights = !lane.weights.isEmpty();
        double weightTop = bottom + 2;
        if (weights) {
            bottom = weightTop + 14;
        }
        svg.rect(PX0, areaTop, PX1 - PX0, area, "#f7f7f7", null);

        // bands behind the counts, chips with labels in the header row
        for (Band band : lane.bands) {
            double x1 = x(band.start());
            double x2 = Math.max(x1 + 2, x(band.end()));
            String colour = "batch".equals(band.type()) ? BATCH : "bake".equals(band.type()) ? BAKE : STAGE;
            used.add("batch".equals(band.type()) ? "batch" : "bake".equals(band.type()) ? "bake" : "variant stage");
            String tip = lane.key + " " + band.label() + ": " + clock(seconds(band.start()), true) + " to " + clock(seconds(band.end()), true);
            svg.rect(x1, areaTop, x2 - x1, area, colour, null, "fill-opacity", 0.22);
            svg.rect(x1, y + 3, x2 - x1, 13, colour, tip, "fill-opacity", 0.85, "class", "band-" + band.type());
            if (texts.tryPlace(x1 + 3, y + 13, band.label(), 10, Anchor.START, x1, x2)) {
                svg.text("text", band.label(), "x", x1 + 3, "y", y + 13, "font-size", 10, "fill", TEXT);
            }
        }

        // counts: stacked areas (old, new; or unsplit; or instances), the surge shaded above the steady count
        if (lane.hasCounts()) {
            int max = lane.maxCount();
            double unit = (AREA - 4) / max;
            double base = areaTop + AREA;
            List<Count> counts = lane.counts;
            for (int i = 0; i < counts.size(); i++) {
                Count c = counts.get(i);
                Instant until = i + 1 < counts.size() ? counts.get(i + 1).at() : model.end;
                double x1 = x(c.at());
                double x2 = x(until);
                if (x2 - x1 < 0.05) {
                    continue;
                }
                String what = lane.copies ? "copies" : "instances";
                String tip = lane.key + " " + what + " " + c.current() + "/" + c.desired()
                        + (lane.copies && c.split() ? " (" + c.oldCount() + " old + " + c.newCount() + " new)" : "")
                        + (lane.copies && !c.split() ? " (rolling back: old and new not told apart)" : "")
                        + " from " + clock(seconds(c.at()), true);
                used.add(lane.copies ? c.split() ? "old copies" : "copies while rolling back" : "instances");
                if (lane.copies && c.split()) {
                    used.add("new copies");
                    svg.rect(x1, base - unit * c.oldCount(), x2 - x1, unit * c.oldCount(), OLD, tip);
                    svg.rect(x1, base - unit * (c.oldCount() + c.newCount()), x2 - x1, unit * c.newCount(), NEW, tip);
                } else {
                    svg.rect(x1, base - unit * c.current(), x2 - x1, unit * c.current(), lane.copies ? UNSPLIT : INSTANCES, tip);
                }
                if (c.current() > lane.steady && lane.steady >= 0) {
                    int surge = c.current() - lane.steady;
                    used.add("surge above the steady count");
                    svg.rect(x1, base - unit * c.current(), x2 - x1, unit * surge, "url(#surge)",
                            lane.key + ": " + surge + " " + what + " above the steady " + lane.steady + " from " + clock(seconds(c.at()), true),
                            "stroke", SURGE, "stroke-width", 1.5, "class", "surge");
                }
            }
            double steadyY = base - unit * lane.steady;
            svg.empty("line", "x1", PX0, "y1", steadyY, "x2", PX1, "y2", steadyY, "stroke", TEXT, "stroke-width", 1,
                    "stroke-dasharray", "4 3", "stroke-opacity", 0.6);
            String top = Integer.toString(max);
            texts.place(PX0 - 6, areaTop + 10, top, 10, Anchor.END);
            svg.text("text", top, "x", PX0 - 6, "y", areaTop + 10, "font-size", 10, "fill", MUTED, "text-anchor", "end");
            texts.place(PX0 - 6, base, "0", 10, Anchor.END);
            svg.text("text", "0", "x", PX0 - 6, "y", base, "font-size", 10, "fill", MUTED, "text-anchor", "end");
            String kind = lane.copies ? "copies, old and new" : lane.kind == LaneKind.VARIANT ? "instances of the variant" : "instances";
            String steady = "steady " + lane.steady + ", at most " + maxCurrent(lane);
            double room = PX0 - LX - 30;
            String k = TextLayout.fit(kind, 11, room);
            String s = TextLayout.fit(steady, 11, room);
            texts.place(LX, areaTop + 16, k, 11, Anchor.START);
            svg.text("text", k, "x", LX, "y", areaTop + 16, "font-size", 11, "fill", MUTED);
            texts.place(LX, areaTop + 31, s, 11, Anchor.START);
            svg.text("text", s, "x", LX, "y", areaTop + 31, "font-size", 11, "fill", MUTED);
        }

        // statuses
        for (Segment seg : lane.statuses) {
            double x1 = x(seg.start());
            double x2 = Math.max(x1 + 1, x(seg.end()));
            svg.rect(x1, statusTop, x2 - x1, 11, statusColour(seg.value()),
                    lane.key + " " + seg.value() + " from " + clock(seconds(seg.start()), true), "stroke", "#ffffff", "stroke-width", 0.5);
            if (texts.tryPlace(x1 + 2, statusTop + 9, seg.value(), 9, Anchor.START, x1, x2)) {
                svg.text("text", seg.value(), "x", x1 + 2, "y", statusTop + 9, "font-size", 9, "fill", TEXT);
            }
        }
        if (!lane.statuses.isEmpty()) {
            texts.place(PX0 - 6, statusTop + 9, "status", 9, Anchor.END);
            svg.text("text", "status", "x", PX0 - 6, "y", statusTop + 9, "font-size", 9, "fill", MUTED, "text-anchor", "end");
        }

        // traffic share of a variant
        if (weights) {
            texts.place(PX0 - 6, weightTop + 11, "traffic", 9, Anchor.END);
            svg.text("text", "traffic", "x", PX0 - 6, "y", weightTop + 11, "font-size", 9, "fill", MUTED, "text-anchor", "end");
            used.add("traffic share");
            for (Segment seg : lane.weights) {
                double x1 = x(seg.start());
                double x2 = Math.max(x1 + 1, x(seg.end()));
                double share = Double.parseDouble(seg.value().replace("%", "")) / 100;
                svg.rect(x1, weightTop, x2 - x1, 14, "#f3f3f3", null);
                svg.rect(x1, weightTop + 14 * (1 - share), x2 - x1, 14 * share, WEIGHT,
                        lane.key + " serves " + seg.value() + " of the traffic from " + clock(seconds(seg.start()), true), "class", "weight");
                if (texts.tryPlace(x1 + 2, weightTop + 11, seg.value(), 10, Anchor.START, x1, x2)) {
                    svg.text("text", seg.value(), "x", x1 + 2, "y", weightTop + 11, "font-size", 10, "fill", TEXT);
                }
            }
        }
        svg.empty("line", "x1", LX, "y1", bottom + 6, "x2", PX1, "y2", bottom + 6, "stroke", "#dddddd", "stroke-width", 1);
        return bottom + 10;
    }

    /** @return {@code component llm}, {@code variant model-v1-variant}, {@code endpoint rolling-demo} */
    private static String laneName(Lane lane) {
        String key = lane.key;
        return switch (lane.kind) {
            case COMPONENT -> "component " + key.substring("inference-component/".length());
            case VARIANT -> "variant " + key.substring(key.lastIndexOf("/variant/") + "/variant/".length());
            case ENDPOINT -> "endpoint " + key.substring("endpoint/".length());
        };
    }

    private static int maxCurrent(Lane lane) {
        int max = 0;
        for (Count c : lane.counts) {
            max = Math.max(max, c.current());
        }
        return max;
    }

    private static String statusColour(String status) {
        return switch (status) {
            case "InService" -> "#c9e3bf";
            case "Creating", "Updating", "SystemUpdating", "RollingBack" -> "#c6dbef";
            case "Deleting", "Gone", "OutOfService" -> "#dddddd";
            case "Failed" -> "#f4a6a6";
            default -> "#ece6f3";
        };
    }

    /** One alarm's state as a strip of coloured segments. */
    private double alarm(int index, String name, String label, List<Segment> states, double y) {
        texts.place(LX, y + 12, label, 11, Anchor.START);
        svg.open("text", "x", LX, "y", y + 12, "font-size", 11, "fill", TEXT).text("title", "alarm " + name).raw(Svg.escape(label))
                .close("text");
        svg.open("g", "id", "alarm-" + index);
        for (Segment seg : states) {
            double x1 = x(seg.start());
            double x2 = Math.max(x1 + 1, x(seg.end()));
            used.add(switch (seg.value()) {
                case "OK" -> "alarm OK";
                case "ALARM" -> "alarm ALARM";
                default -> "alarm without data";
            });
            String colour = switch (seg.value()) {
                case "OK" -> ALARM_OK;
                case "ALARM" -> ALARM;
                default -> INSUFFICIENT;
            };
            svg.rect(x1, y + 2, x2 - x1, 14, colour, "alarm " + name + " " + seg.value() + " from " + clock(seconds(seg.start()), true),
                    "class", "alarm-" + seg.value());
            marks.add(new Mark("alarm-" + index + "-" + seg.value(), x1, y + 2, x2 - x1, 14, colour));
            String shown = "INSUFFICIENT_DATA".equals(seg.value()) ? "no data" : seg.value();
            if (texts.tryPlace(x1 + 3, y + 13, shown, 10, Anchor.START, x1, x2)) {
                svg.text("text", shown, "x", x1 + 3, "y", y + 13, "font-size", 10, "fill", "ALARM".equals(seg.value()) ? "#ffffff" : TEXT);
            }
        }
        svg.close("g");
        return y + 20;
    }

    /** Steps, checks, notes and other events as ticks, labelled where the label fits. */
    private double ticks(double y) {
        if (model.ticks.isEmpty()) {
            return y;
        }
        texts.place(LX, y + 26, "steps, checks, other", 11, Anchor.START);
        svg.text("text", "steps, checks, other", "x", LX, "y", y + 26, "font-size", 11, "fill", TEXT);
        double tickTop = y + 32;
        for (Tick t : model.ticks) {
            double x = x(t.at());
            String colour = switch (t.type()) {
                case "pass" -> PASS;
                case "fail" -> FAIL;
                case "step" -> STEP;
                default -> OTHER;
            };
            String tip = clock(seconds(t.at()), true) + " " + t.detail();
            used.add(switch (t.type()) {
                case "pass" -> "check passed";
                case "fail" -> "check failed";
                case "step" -> "step";
                default -> "other event";
            });
            switch (t.type()) {
                case "pass" -> svg.open("circle", "cx", x, "cy", tickTop + 6, "r", 4.5, "fill", colour, "class", "check-pass")
                        .text("title", tip).close("circle");
                case "fail" -> svg.open("path", "d", "M" + Svg.num(x - 5) + " " + Svg.num(tickTop + 1) + "l10 10m0 -10l-10 10",
                        "stroke", colour, "stroke-width", 2.5, "class", "check-fail").text("title", tip).close("path");
                case "step" -> svg.open("rect", "x", x - 1, "y", tickTop, "width", 2.0, "height", 12.0, "fill", colour, "class", "step")
                        .text("title", tip).close("rect");
                default -> svg.open("path", "d", "M" + Svg.num(x) + " " + Svg.num(tickTop) + "l5 6l-5 6l-5 -6z", "fill", colour,
                        "class", "other").text("title", tip).close("path");
            }
            String label = TextLayout.fit(t.label(), 10, 220);
            for (double row : new double[] {y + 26, y + 12}) {
                if (texts.tryPlace(x + 2, row, label, 10, Anchor.START, PX0, PX1)) {
                    svg.text("text", label, "x", x + 2, "y", row, "font-size", 10, "fill", colour);
                    break;
                }
            }
        }
        return tickTop + 16;
    }

    /** Rollbacks and the end: lines across every lane, labelled in the marker row. */
    private void markers(double top, double axisY) {
        int i = 0;
        for (Rollback r : model.rollbacks) {
            used.add("rollback triggered");
            double x = x(r.at());
            svg.open("line", "id", "rollback-" + i, "x1", x, "y1", top, "x2", x, "y2", axisY, "stroke", ROLLBACK, "stroke-width", 3)
                    .text("title", clock(seconds(r.at()), true) + " " + r.resource() + " rollback triggered: " + r.cause()).close("line");
            // the cause up to its detail (an alarm's reason): the whole cause is in the tooltip and the outcome line
            String shortCause = r.cause().contains(": ") ? r.cause().substring(0, r.cause().indexOf(": ")) : r.cause();
            String label = TextLayout.fit("rollback: " + shortCause, 11, Math.min(600, Math.max(0, PX1 - x - 12)));
            double w = TextLayout.width(label, 11) + 8;
            boolean right = label.length() > 12;
            if (!right) {
                label = TextLayout.fit("rollback: " + shortCause, 11, Math.min(600, Math.max(0, x - PX0 - 12)));
                w = TextLayout.width(label, 11) + 8;
            }
            double bx = right ? x : x - w;
            Anchor anchor = right ? Anchor.START : Anchor.END;
            double tx = right ? x + 4 : x - 4;
            if (!label.isEmpty() && texts.tryPlace(tx, top + 14, label, 11, anchor, PX0, PX1)) {
                svg.rect(bx, top, w, 19, ROLLBACK, "rollback triggered: " + r.cause(), "id", "rollback-badge-" + i);
                svg.text("text", label, "x", tx, "y", top + 14, "font-size", 11, "fill", "#ffffff", "text-anchor", anchor.name().toLowerCase());
                marks.add(new Mark("rollback-badge-" + i, bx, top, w, 19, ROLLBACK));
            }
            marks.add(new Mark("rollback-" + i, x - 1.5, top, 3, axisY - top, ROLLBACK));
            i++;
        }
        if (model.outcome != null) {
            double x = x(model.outcomeAt);
            String colour = outcomeColour(model.outcome);
            svg.open("line", "id", "end", "x1", x, "y1", top, "x2", x, "y2", axisY, "stroke", colour, "stroke-width", 2,
                    "stroke-dasharray", "6 3").text("title", model.outcome.summary()).close("line");
            String kind = model.outcome.summary().split(" ", 2)[0];
            if (texts.tryPlace(x - 4, top + 14, kind, 11, Anchor.END, PX0, PX1)) {
                svg.text("text", kind, "x", x - 4, "y", top + 14, "font-size", 11, "font-weight", "bold", "fill", colour, "text-anchor", "end");
            }
            marks.add(new Mark("end", x - 1, top, 2, axisY - top, colour));
        }
    }

    private static final long[] STEPS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400};

    /** The time axis with labels since the start; returns the y below its title. */
    private double axis(double y) {
        svg.empty("line", "x1", PX0, "y1", y, "x2", PX1, "y2", y, "stroke", TEXT, "stroke-width", 1);
        double pxPerSecond = (PX1 - PX0) / span;
        long step = STEPS[STEPS.length - 1];
        for (long candidate : STEPS) {
            boolean seconds = candidate < 60;
            if (candidate * pxPerSecond >= TextLayout.width(clock(candidate * 10, seconds), 10) + 14) {
                step = candidate;
                break;
            }
        }
        boolean seconds = step < 60;
        for (long s = 0; s <= span + 0.001; s += step) {
            double x = PX0 + s * pxPerSecond;
            svg.empty("line", "x1", x, "y1", y, "x2", x, "y2", y + 4, "stroke", TEXT, "stroke-width", 1);
            String label = clock(s, seconds);
            Anchor anchor = s == 0 ? Anchor.START : Anchor.MIDDLE;
            if (texts.tryPlace(x, y + 16, label, 10, anchor, PX0 - 1, PX1 + 20)) {
                svg.text("text", label, "x", x, "y", y + 16, "font-size", 10, "fill", TEXT, "text-anchor", anchor.name().toLowerCase());
            }
        }
        String title = "time since start (" + (seconds ? "h:mm:ss" : "h:mm") + ")";
        texts.place(PX0, y + 32, title, 11, Anchor.START);
        svg.text("text", title, "x", PX0, "y", y + 32, "font-size", 11, "fill", MUTED);
        return y + 38;
    }

    private static final String[][] LEGEND = {
        {"old copies", OLD}, {"new copies", NEW}, {"copies while rolling back", UNSPLIT}, {"instances", INSTANCES},
        {"surge above the steady count", "url(#surge)"}, {"batch", BATCH}, {"bake", BAKE}, {"variant stage", STAGE},
        {"traffic share", WEIGHT}, {"alarm OK", ALARM_OK}, {"alarm ALARM", ALARM}, {"alarm without data", INSUFFICIENT},
        {"rollback triggered", ROLLBACK}, {"check passed", PASS}, {"check failed", FAIL}, {"step", STEP}, {"other event", OTHER},
    };

    /** The legend, in rows; returns the picture's height. */
    private double legend(double y) {
        double x = LX;
        double row = y + 12;
        for (String[] item : LEGEND) {
            if (!used.contains(item[0])) {
                continue;
            }
            double w = 16 + TextLayout.width(item[0], 11) + 18;
            if (x + w > PX1) {
                x = LX;
                row += 18;
            }
            svg.rect(x, row - 10, 12, 12, item[1], null, "class", "legend", "stroke", item[1].startsWith("url") ? SURGE : "none");
            texts.place(x + 16, row, item[0], 11, Anchor.START);
            svg.text("text", item[0], "x", x + 16, "y", row, "font-size", 11, "fill", TEXT);
            x += w;
        }
        return row + 10;
    }

    private long seconds(Instant at) {
        return Duration.between(model.start, at).getSeconds();
    }

    /** @return {@code 1:02:05} with seconds, {@code 1:02} without */
    static String clock(long totalSeconds, boolean withSeconds) {
        long s = Math.max(0, totalSeconds);
        long m = (s % 3600) / 60;
        String hm = s / 3600 + (m < 10 ? ":0" : ":") + m;
        return withSeconds ? hm + (s % 60 < 10 ? ":0" : ":") + s % 60 : hm;
    }
}
