package dev.ballast.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.ballast.testkit.FakeSageMaker;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * The testkit jar as users get it: Jackson inside, relocated, and neither on their class path nor in
 * the published POM. In the reactor this module runs on the jar the testkit module just packaged
 * (mvn verify); where the testkit is a directory of classes instead (mvn test, an IDE), there is no
 * jar to look at and these tests are skipped.
 */
class TestkitJarTest {

    private static final String SHADED = "dev/ballast/testkit/internal/shaded/jackson/";

    private static Path testkitJar() throws Exception {
        Path location = Path.of(FakeSageMaker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Assumptions.assumeTrue(Files.isRegularFile(location),
                () -> "the testkit is not a packaged jar here (" + location + "): run mvn verify");
        return location;
    }

    @Test
    @DisplayName("the testkit jar carries Jackson (its CBOR data format too) relocated, its classes for newer JDKs too, and no com/fasterxml path or reference")
    void jacksonIsShadedAndRelocated() throws Exception {
        List<String> names = new ArrayList<>();
        List<String> unrelocated = new ArrayList<>();
        String factories;
        try (JarFile jar = new JarFile(testkitJar().toFile())) {
            jar.stream().map(ZipEntry::getName).forEach(names::add);
            assertThat(jar.getManifest().getMainAttributes().getValue("Multi-Release")).isEqualTo("true");
            // a shaded class that still names com/fasterxml/jackson would load the user's Jackson, or fail
            for (ZipEntry entry : jar.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                try (var in = jar.getInputStream(entry)) {
                    if (new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).contains("com/fasterxml/jackson")) {
                        unrelocated.add(entry.getName());
                    }
                }
            }
            try (var in = jar.getInputStream(jar.getEntry("META-INF/services/dev.ballast.testkit.internal.shaded.jackson.core.JsonFactory"))) {
                factories = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        assertThat(names).noneMatch(n -> n.contains("com/fasterxml/"));
        assertThat(unrelocated).as("classes that still reference com/fasterxml/jackson").isEmpty();
        assertThat(names).noneMatch(n -> n.startsWith("META-INF/versions/") && n.endsWith("/module-info.class"));
        assertThat(names).contains(SHADED + "databind/ObjectMapper.class", SHADED + "core/JsonFactory.class",
                SHADED + "annotation/JsonProperty.class", SHADED + "dataformat/cbor/CBORFactory.class",
                SHADED + "dataformat/cbor/databind/CBORMapper.class",
                "META-INF/services/dev.ballast.testkit.internal.shaded.jackson.core.JsonFactory",
                "META-INF/LICENSE", "META-INF/NOTICE");
        assertThat(factories).contains("dev.ballast.testkit.internal.shaded.jackson.dataformat.cbor.CBORFactory")
                .doesNotContain("com.fasterxml");
        assertThat(names).anyMatch(n -> n.startsWith("META-INF/versions/17/" + SHADED));
    }

    @Test
    @DisplayName("the testkit jar is still the named module dev.ballast.testkit, the relocated Jackson among its packages, exported to no one")
    void stillANamedModule() throws Exception {
        ModuleDescriptor module = ModuleFinder.of(testkitJar()).find("dev.ballast.testkit")
                .orElseThrow(() -> new AssertionError("no module dev.ballast.testkit in the jar")).descriptor();

        assertThat(module.isAutomatic()).isFalse();
        assertThat(module.packages()).contains("dev.ballast.testkit.internal.shaded.jackson.databind",
                "dev.ballast.testkit.internal.shaded.jackson.dataformat.cbor");
        assertThat(module.exports()).noneMatch(e -> e.source().contains("shaded"));
        assertThat(module.requires()).filteredOn(r -> r.name().startsWith("com.fasterxml"))
                .isNotEmpty().allMatch(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC));
    }

    @Test
    @DisplayName("the testkit's published (dependency-reduced) POM lists no Jackson")
    void publishedPomListsNoJackson() throws Exception {
        Path pom = testkitJar().resolveSibling("dependency-reduced-pom.xml");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        List<String> dependencies = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagName("dependency");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element dependency = (Element) nodes.item(i);
            dependencies.add(text(dependency, "groupId") + ":" + text(dependency, "artifactId"));
        }
        assertThat(dependencies).contains("dev.ballast:ballast-api", "org.junit.jupiter:junit-jupiter-api")
                .noneMatch(d -> d.startsWith("com.fasterxml.jackson"));
    }

    @Test
    @DisplayName("java -jar ballast-testkit-<version>-server.jar still serves, on the relocated Jackson alone")
    void serverJarServes() throws Exception {
        Path jar = testkitJar();
        Path server = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", "-server.jar"));
        try (JarFile serverJar = new JarFile(server.toFile())) {
            assertThat(serverJar.stream().map(ZipEntry::getName)).noneMatch(n -> n.contains("com/fasterxml/"));
        }
        String java = ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process process = new ProcessBuilder(List.of(java, "-jar", server.toString(), "--port", "0", "--time-scale", "0"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS);
            assertThat(line).matches("Ballast fake listening on http://127\\.0\\.0\\.1:[0-9]+");
            try (SageMakerClient sm = SageMakerClient.builder()
                    .endpointOverride(URI.create(line.substring(line.indexOf("http://"))))
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                    .build()) {
                sm.createModel(b -> b.modelName("m").executionRoleArn("arn:aws:iam::123456789012:role/SageMakerExecutionRole")
                        .primaryContainer(c -> c.image("img")));
                assertThat(sm.listModels(b -> { }).models()).singleElement().satisfies(m -> assertThat(m.modelName()).isEqualTo("m"));
            }
            // CloudWatch over RPC v2 CBOR, on the relocated CBOR data format: an empty map (0xa0) asks for every alarm
            HttpResponse<byte[]> cbor = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                            URI.create(line.substring(line.indexOf("http://")) + "/service/GraniteServiceVersion20100801/operation/DescribeAlarms"))
                    .header("smithy-protocol", "rpc-v2-cbor").header("Content-Type", "application/cbor")
                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/monitoring/aws4_request,"
                            + " SignedHeaders=host, Signature=0")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0xa0})).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(cbor.statusCode()).isEqualTo(200);
            assertThat(cbor.headers().firstValue("smithy-protocol")).hasValue("rpc-v2-cbor");
            assertThat(cbor.headers().firstValue("Content-Type")).hasValue("application/cbor");
        } finally {
            process.destroy();
        }
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("the server exits on SIGTERM").isTrue();
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }

    private static String readLine(BufferedReader in) {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
