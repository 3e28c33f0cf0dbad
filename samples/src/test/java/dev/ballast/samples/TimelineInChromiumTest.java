package dev.ballast.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.ballast.samples.rolling.RollingUpdateNotebook;

/**
 * The timeline page of the notebook's rolled-back update (the main job's first update), as a
 * person sees it: opened in a real headless Chromium, screenshotted, and looked at — the picture
 * is not blank, the rollback line is red where the layout put it, the alarm strip is green, then
 * red from the ALARM. Chromium is Debian's {@code chromium} package ({@code .ci/run} installs it);
 * without it the test is skipped and says so.
 */
class TimelineInChromiumTest {

    private static final String SVG = "http://www.w3.org/2000/svg";
    /** The page's body margin: the picture's origin on the screenshot. */
    private static final int MARGIN = 16;

    private static Path page;
    private static String svg;

    @BeforeAll
    static void runTheNotebook() throws Exception {
        Method run = RollingUpdateNotebook.class.getDeclaredMethod("run", PrintStream.class, PrintStream.class, List.class, Map.class);
        run.setAccessible(true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = (int) run.invoke(null, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()),
                List.of(), Map.of());
        assertThat(code).isZero();
        String line = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("timeline: ") && l.endsWith("2-first-update.html"))
                .findFirst().orElseThrow();
        page = Path.of(line.substring("timeline: ".length()));
        String html = Files.readString(page, StandardCharsets.UTF_8);
        svg = html.substring(html.indexOf("<svg"), html.indexOf("</svg>") + "</svg>".length());
    }

    /** @return the chromium executable, or {@code null} when this machine has none */
    private static String chromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }

    private static byte[] runChromium(Path profile, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--force-device-scale-factor=1", "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = process.getInputStream().readAllBytes();
        // a real browser process, not the test's clock: bounded so a hung browser fails the test
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        return out;
    }

    private static Element byId(org.w3c.dom.Document doc, String id) {
        NodeList all = doc.getElementsByTagNameNS(SVG, "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (id.equals(e.getAttribute("id"))) {
                return e;
            }
        }
        throw new AssertionError("no element with id " + id);
    }

    private static double num(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }

    private static Element firstOfClass(org.w3c.dom.Document doc, String tag, String cls) {
        NodeList all = doc.getElementsByTagNameNS(SVG, tag);
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (cls.equals(e.getAttribute("class"))) {
                return e;
            }
        }
        throw new AssertionError("no " + tag + " of class " + cls);
    }

    /** @return whether the pixel is within 40 of the colour in each channel */
    private static boolean near(int rgb, String hex) {
        int want = Integer.parseInt(hex.substring(1), 16);
        return Math.abs(((rgb >> 16) & 0xff) - ((want >> 16) & 0xff)) <= 40 && Math.abs(((rgb >> 8) & 0xff) - ((want >> 8) & 0xff)) <= 40
                && Math.abs((rgb & 0xff) - (want & 0xff)) <= 40;
    }

    private static String hex(int rgb) {
        return String.format("#%06x", rgb & 0xffffff);
    }

    @Test
    @DisplayName("in headless Chromium the first update's page is not blank, its rollback line and alarm strip are where the layout put them")
    void looksRight(@TempDir Path temp) throws Exception {
        Assumptions.assumeTrue(chromium() != null, "Chromium is not installed (/usr/bin/chromium): the screenshot test is skipped;"
                + " .ci/run installs it with apt-get install -y chromium");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        org.w3c.dom.Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        int width = (int) num(doc.getDocumentElement(), "width");
        int height = (int) num(doc.getDocumentElement(), "height");
        Path png = temp.resolve("first-update.png");

        runChromium(temp.resolve("profile-1"), "--screenshot=" + png, "--window-size=" + (width + 2 * MARGIN) + "," + (height + 2 * MARGIN),
                page.toUri().toString());
        BufferedImage image = ImageIO.read(png.toFile());

        // not blank: many colours, and the brightness varies
        assertThat(image.getWidth()).isEqualTo(width + 2 * MARGIN);
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        double sum = 0;
        double squares = 0;
        int n = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                double lum = 0.3 * ((rgb >> 16) & 0xff) + 0.59 * ((rgb >> 8) & 0xff) + 0.11 * (rgb & 0xff);
                sum += lum;
                squares += lum * lum;
                n++;
            }
        }
        double variance = squares / n - (sum / n) * (sum / n);
        assertThat(colours.size()).as("distinct colours").isGreaterThan(50);
        assertThat(variance).as("brightness variance").isGreaterThan(500);

        // the rollback line: red, at the x the layout gave it, between the marker row and the first lane
        Element rollback = byId(doc, "rollback-0");
        int rx = (int) Math.round(num(rollback, "x1")) + MARGIN;
        int ry = (int) Math.round(num(rollback, "y1")) + 26 + MARGIN;
        assertThat(hex(image.getRGB(rx, ry))).as("rollback line at (%d, %d)", rx, ry).matches(c -> near(image.getRGB(rx, ry), "#d62728"));
        assertThat(near(image.getRGB(rx - 8, ry), "#d62728")).as("nothing red beside the line").isFalse();

        // the alarm strip: green while OK, red from the ALARM, at the layout's places
        Element ok = firstOfClass(doc, "rect", "alarm-OK");
        Element alarm = firstOfClass(doc, "rect", "alarm-ALARM");
        int ox = (int) Math.round(num(ok, "x") + num(ok, "width") * 0.75) + MARGIN;
        int oy = (int) Math.round(num(ok, "y") + 2) + MARGIN;
        int ax = (int) Math.round(num(alarm, "x") + num(alarm, "width") * 0.75) + MARGIN;
        int ay = (int) Math.round(num(alarm, "y") + 2) + MARGIN;
        assertThat(hex(image.getRGB(ox, oy))).as("alarm OK at (%d, %d)", ox, oy).matches(c -> near(image.getRGB(ox, oy), "#59a14f"));
        assertThat(hex(image.getRGB(ax, ay))).as("alarm ALARM at (%d, %d)", ax, ay).matches(c -> near(image.getRGB(ax, ay), "#e15759"));
        assertThat(num(alarm, "x")).as("the alarm went into ALARM when the rollback was triggered").isCloseTo(num(rollback, "x1"), org.assertj.core.data.Offset.offset(1.0));

        // and the browser built the picture from the page: its DOM after load holds the SVG's key elements
        String dom = new String(runChromium(temp.resolve("profile-2"), "--dump-dom", page.toUri().toString()), StandardCharsets.UTF_8);
        assertThat(dom).contains("<svg", "id=\"rollback-0\"", "class=\"alarm-ALARM\"", "class=\"band-batch\"", "component llm",
                "ROLLED_BACK after 27m47s");
    }
}
