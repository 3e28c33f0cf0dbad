package dev.ballast.internal.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import dev.ballast.DeploymentTimeline;
import dev.ballast.event.DeploymentEvent;
import dev.ballast.event.DeploymentEvent.AlarmStateChanged;
import dev.ballast.event.DeploymentEvent.BatchStarted;
import dev.ballast.event.DeploymentEvent.CheckEvaluated;
import dev.ballast.event.DeploymentEvent.CopiesChanged;
import dev.ballast.event.DeploymentEvent.Finished;
import dev.ballast.event.DeploymentEvent.InstancesChanged;
import dev.ballast.event.DeploymentEvent.RollbackStarted;
import dev.ballast.event.DeploymentEvent.StageChanged;
import dev.ballast.event.DeploymentEvent.StatusChanged;
import dev.ballast.event.DeploymentEvent.StepStarted;
import dev.ballast.event.DeploymentEvent.WeightsChanged;
import dev.ballast.outcome.Outcome;

class TimelineRendererTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    /** A rolling update of ten components on one endpoint, each with its alarm, rolled back by the fourth alarm. */
    static List<DeploymentEvent> tenComponents() {
        List<DeploymentEvent> events = new ArrayList<>();
        events.add(new StepStarted(at(0), 1, 2, "SageMaker.UpdateInferenceComponent inference-component/c0"));
        events.add(new StatusChanged(at(1), "endpoint/many", null, "Updating"));
        events.add(new InstancesChanged(at(1), "endpoint/many", 10, 12));
        for (int c = 0; c < 10; c++) {
            String ic = "inference-component/component-with-a-rather-long-name-" + c;
            events.add(new StatusChanged(at(1), ic, null, "Updating"));
            events.add(new CopiesChanged(at(1), ic, 2, 2));
            events.add(new AlarmStateChanged(at(2), "many-component-" + c + "-invocation4xxerrors", null, "OK", ""));
            events.add(new BatchStarted(at(60 + c * 30), ic, 1, 2));
            events.add(new CopiesChanged(at(60 + c * 30), ic, 3, 2));
            events.add(new CopiesChanged(at(180 + c * 30), ic, 2, 2));
            events.add(new BatchStarted(at(300 + c * 30), ic, 2, 2));
            events.add(new CopiesChanged(at(300 + c * 30), ic, 3, 2));
            events.add(new CheckEvaluated(at(200 + c * 5), "alarm many-component-" + c, true, "OK"));
        }
        events.add(new InstancesChanged(at(400), "endpoint/many", 12, 12));
        events.add(new AlarmStateChanged(at(700), "many-component-3-invocation4xxerrors", "OK", "ALARM", "Threshold Crossed"));
        events.add(new RollbackStarted(at(700), "inference-component/component-with-a-rather-long-name-3",
                "alarm many-component-3-invocation4xxerrors went into ALARM: Threshold Crossed: 1 datapoint [8.0] > 5.0"));
        events.add(new Finished(at(1200), new Outcome.RolledBack(Duration.ofSeconds(1200), java.util.Optional.of("many-component-3-invocation4xxerrors"),
                "component 3 runs its previous specification")));
        events.sort((a, b) -> a.at().compareTo(b.at()));
        return events;
    }

    /** A guarded shift over ten variants: weights, stages and checks. */
    static List<DeploymentEvent> tenVariants() {
        List<DeploymentEvent> events = new ArrayList<>();
        events.add(new StatusChanged(at(0), "endpoint/ab", null, "Updating"));
        for (int step = 0; step < 4; step++) {
            Map<String, Double> weights = new LinkedHashMap<>();
            for (int v = 0; v < 10; v++) {
                weights.put("model-variant-" + v, v == 9 ? 0.1 + step * 0.3 : 0.1);
            }
            events.add(new WeightsChanged(at(step * 300 + 1), "endpoint/ab", weights));
            events.add(new CheckEvaluated(at(step * 300 + 299), "alarm ab-model-variant-9-shift-invocation5xxerrors", step != 1,
                    step != 1 ? "OK" : "Invocation5XXErrors Sum 3 > 0"));
            events.add(new CheckEvaluated(at(step * 300 + 299), "metric ModelLatency Average > 2000000 per 60 s", true, "Average 850000"));
        }
        for (int v = 0; v < 10; v++) {
            String variant = "endpoint/ab/variant/model-variant-" + v;
            events.add(new InstancesChanged(at(2), variant, 1, 1));
            events.add(new StageChanged(at(3), variant + " (new)", "", "Creating"));
            events.add(new StageChanged(at(400), variant + " (new)", "Creating", "Baking"));
            events.add(new StageChanged(at(600), variant + " (new)", "Baking", ""));
            events.add(new AlarmStateChanged(at(5), "ab-model-variant-" + v + "-invocation5xxerrors", null, "INSUFFICIENT_DATA", ""));
        }
        events.add(new Finished(at(1200), new Outcome.Succeeded(Duration.ofSeconds(1200), "model-variant-9 serves 40%")));
        events.sort((a, b) -> a.at().compareTo(b.at()));
        return events;
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertNoTwoTextsOverlap(TimelineRenderer.Rendering rendering) {
        List<TextLayout.Box> boxes = rendering.texts();
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                TextLayout.Box a = boxes.get(i);
                TextLayout.Box b = boxes.get(j);
                assertThat(a.overlaps(b)).as("'%s' at %s overlaps '%s' at %s", a.text(), a, b.text(), b).isFalse();
            }
            assertThat(boxes.get(i).x() + boxes.get(i).width()).as("'%s' stays inside the picture", boxes.get(i).text())
                    .isLessThanOrEqualTo(rendering.width());
        }
    }

    @Test
    @DisplayName("ten components: every lane and alarm is named, the rollback marked, and no two texts overlap by the layout's own metrics")
    void tenComponentsNoOverlap() {
        TimelineRenderer.Rendering r = TimelineRenderer.render("rolling update of ten components", tenComponents(), List.of());

        assertNoTwoTextsOverlap(r);
        List<String> texts = r.texts().stream().map(TextLayout.Box::text).toList();
        for (int c = 0; c < 10; c++) {
            int n = c;
            // long names keep their head and their tail, where they differ
            assertThat(texts).anyMatch(t -> t.startsWith("component co") && t.endsWith("name-" + n));
            assertThat(texts).contains("alarm many-component-" + n + "-invocation4xxerrors");
        }
        assertThat(texts).contains("batch 1/2", "ALARM").anyMatch(t -> t.startsWith("rollback: alarm many-component-3"));
        assertThat(r.marks()).anyMatch(m -> m.id().equals("rollback-0") && Math.abs(m.x() + 1.5
                - (TimelineRenderer.PX0 + (TimelineRenderer.PX1 - TimelineRenderer.PX0) * 700 / 1200.0)) < 0.01);
    }

    @Test
    @DisplayName("ten variants: each variant's lane, traffic share and stages; the failed check is drawn; no two texts overlap")
    void tenVariantsNoOverlap() throws Exception {
        TimelineRenderer.Rendering r = TimelineRenderer.render("guarded shift over ten variants", tenVariants(), List.of());

        assertNoTwoTextsOverlap(r);
        List<String> texts = r.texts().stream().map(TextLayout.Box::text).toList();
        for (int v = 0; v < 10; v++) {
            assertThat(texts).contains("variant model-variant-" + v);
        }
        assertThat(texts).contains("53%", "(new) Creating", "(new) Baking", "check FAILED", "SUCCEEDED");
        Document svg = parse(r.svg());
        assertThat(svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "path").getLength()).isPositive();
        assertThat(r.svg()).contains("class=\"check-fail\"", "class=\"weight\"", "class=\"band-bake\"");
    }

    @Test
    @DisplayName("alarms whose long names differ only in their middle keep labels that tell them apart")
    void alarmLabelsStayDistinct() {
        String v1 = "my-model-endpoint-model-v1-variant-invocation5xxerrors";
        String v2 = "my-model-endpoint-model-v2-variant-invocation5xxerrors";
        List<DeploymentEvent> events = List.of(new AlarmStateChanged(at(0), v1, null, "OK", ""),
                new AlarmStateChanged(at(0), v2, null, "OK", ""), new AlarmStateChanged(at(60), v2, "OK", "ALARM", "Threshold Crossed"));

        String svg = TimelineRenderer.render("canary", events, List.of()).svg();

        List<String> labels = TextLayout.fitDistinct("alarm ", List.of(v1, v2), 11, 260);
        assertThat(labels).doesNotHaveDuplicates().allSatisfy(l -> assertThat(l).startsWith("alarm "));
        assertThat(labels.get(0)).contains("v1-variant");
        assertThat(labels.get(1)).contains("v2-variant");
        assertThat(svg).contains(">" + TextLayout.fitDistinct("alarm ", List.of(v1, v2), 11, TimelineRenderer.PX0 - TimelineRenderer.LX - 12).get(1) + "<");
    }

    @Test
    @DisplayName("the SVG is well-formed XML, and text that looks like markup is escaped, on the picture and in the page")
    void wellFormedAndEscaped() throws Exception {
        List<DeploymentEvent> events = new ArrayList<>(tenComponents());
        String hostile = "<script>alert('x')</script> & \"quoted\" \u0001";
        events.add(new StatusChanged(at(800), "model/" + hostile, null, "InService"));
        events.add(new RollbackStarted(at(900), "inference-component/component-with-a-rather-long-name-1", hostile));
        DeploymentTimeline timeline = DeploymentTimeline.builder().title("title " + hostile).events(events).note(at(950), hostile).build();

        Document doc = parse(timeline.toSvg());

        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(doc.getDocumentElement().getAttribute("viewBox")).startsWith("0 0 1280.0 ");
        assertThat(timeline.toSvg()).doesNotContain("<script", "\u0001").contains("&lt;script&gt;");
        assertThat(timeline.toHtml()).doesNotContain("<script", "\u0001");
    }

    @Test
    @DisplayName("the page is self-contained: inline SVG and style, no script, nothing fetched; writeHtml writes it")
    void selfContainedPage(@TempDir Path dir) throws Exception {
        Path page = DeploymentTimeline.of("ten components", tenComponents()).writeHtml(dir.resolve("a/b/page.html"));

        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">", "<svg xmlns=\"http://www.w3.org/2000/svg\"",
                "<table>", "rollback triggered: alarm many-component-3-invocation4xxerrors went into ALARM");
        assertThat(html).doesNotContain("<script", "<link", "src=", "@import", "<img", "<iframe");
        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http:", "https:");
    }

    @Test
    @DisplayName("old and new copies are followed through the batches; after the rollback the count is shown unsplit; the surge is above the steady count")
    void oldNewAndSurge() {
        TimelineModel m = TimelineModel.read(tenComponents(), List.of());

        TimelineModel.Lane rolledBack = m.lanes.get("inference-component/component-with-a-rather-long-name-3");
        assertThat(rolledBack.steady).isEqualTo(2);
        assertThat(rolledBack.counts).extracting(TimelineModel.Count::current, TimelineModel.Count::oldCount, TimelineModel.Count::newCount,
                TimelineModel.Count::split).startsWith(
                        org.assertj.core.groups.Tuple.tuple(2, 2, 0, true), org.assertj.core.groups.Tuple.tuple(3, 2, 1, true),
                        org.assertj.core.groups.Tuple.tuple(2, 1, 1, true), org.assertj.core.groups.Tuple.tuple(3, 1, 2, true));
        assertThat(m.lanes.get("endpoint/many").steady).isEqualTo(10);
        assertThat(m.rollbacks).singleElement().satisfies(r -> assertThat(r.at()).isEqualTo(at(700)));
        assertThat(TimelineRenderer.render("t", tenComponents(), List.of()).svg()).contains("class=\"surge\"");
    }

    @Test
    @DisplayName("a resource the deployment creates has no surge: its steady count is what it ends with")
    void creationHasNoSurge() {
        List<DeploymentEvent> events = List.of(new InstancesChanged(at(0), "endpoint/new", 0, 1), new InstancesChanged(at(300), "endpoint/new", 1, 2),
                new InstancesChanged(at(600), "endpoint/new", 2, 2));

        assertThat(TimelineModel.read(events, List.of()).lanes.get("endpoint/new").steady).isEqualTo(2);
        assertThat(TimelineRenderer.render("t", events, List.of()).svg()).doesNotContain("class=\"surge\"");
    }

    @Test
    @DisplayName("blue/green: the new fleet, reported apart as '(new)', is stacked on the old one and is the surge; when it replaces the old one, no surge is left")
    void blueGreenNewFleet() {
        String v = "endpoint/ab/variant/v2";
        List<DeploymentEvent> events = List.of(new InstancesChanged(at(0), v, 2, 2), new InstancesChanged(at(1), v + " (new)", 0, 2),
                new InstancesChanged(at(400), v + " (new)", 2, 2), new InstancesChanged(at(1200), v, 2, 2),
                new InstancesChanged(at(1200), v + " (new)", 0, 0));

        TimelineModel.Lane lane = TimelineModel.read(events, List.of()).lanes.get(v);

        assertThat(lane.steady).isEqualTo(2);
        assertThat(lane.counts).extracting(TimelineModel.Count::current, TimelineModel.Count::oldCount, TimelineModel.Count::newCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, 2, 0), org.assertj.core.groups.Tuple.tuple(2, 2, 0),
                        org.assertj.core.groups.Tuple.tuple(4, 2, 2), org.assertj.core.groups.Tuple.tuple(4, 2, 2),
                        org.assertj.core.groups.Tuple.tuple(2, 2, 0));
        assertThat(TimelineRenderer.render("t", events, List.of()).svg()).contains("class=\"surge\"");
    }
}
