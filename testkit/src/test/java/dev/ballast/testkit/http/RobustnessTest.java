package dev.ballast.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.testkit.FakeSageMaker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Requests the fake cannot read, or on which it fails, still get an answer the client can see —
 * never a dropped connection its SDK would retry — and no answer quotes a request's values.
 */
@DisplayName("The server answers what it cannot read, without quoting secrets")
class RobustnessTest {

    private static final String SECRET = "hf_robustness_secret_91c2";

    private final FakeSageMaker fake = FakeSageMaker.create();
    private final FakeServer server = FakeServer.builder(fake).build().start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        server.close();
        fake.close();
    }

    private HttpResponse<String> post(String signingService, String contentType, String target, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri())
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-east-1/" + signingService
                        + "/aws4_request, SignedHeaders=host, Signature=0")
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("a form body with a malformed %-escape is a 400 MalformedQueryString, not a dropped connection")
    void malformedForm() throws Exception {
        HttpResponse<String> response = post("monitoring", "application/x-www-form-urlencoded", null,
                "Action=DescribeAlarms&Version=2010-08-01&X=%zz");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("MalformedQueryString", "malformed %-escape");
    }

    @Test
    @DisplayName("invalid JSON is a 400 that says where, without quoting the token (which may be a secret)")
    void invalidJsonNeverQuotesItsValues() throws Exception {
        HttpResponse<String> response = post("sagemaker", "application/x-amz-json-1.1", "SageMaker.CreateModel",
                "{\"ModelName\":\"m\",\"PrimaryContainer\":{\"Image\":\"img\",\"Environment\":{\"HF_TOKEN\":" + SECRET + "}}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("SerializationException", "not valid JSON (line 1, column").doesNotContain(SECRET);
    }

    @Test
    @DisplayName("a member of the wrong type is a 400 that does not quote the value")
    void wrongTypeNeverQuotesItsValue() throws Exception {
        HttpResponse<String> response = post("sagemaker", "application/x-amz-json-1.1", "SageMaker.CreateModel",
                "{\"ModelName\":\"m\",\"EnableNetworkIsolation\":{\"HF_TOKEN\":\"" + SECRET + "\"}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("member EnableNetworkIsolation must be a boolean, not a JSON object")
                .doesNotContain(SECRET);
    }
}
