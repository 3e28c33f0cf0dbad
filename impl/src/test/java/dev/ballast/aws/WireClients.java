package dev.ballast.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/**
 * Real AWS SDK clients pointed at a WireMock server (endpoint override, static credentials, the
 * URL-connection HTTP client), and the helpers the wire tests share.
 */
public final class WireClients {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WireClients() {
    }

    /** The SDK's standard retry strategy (3 attempts), with short delays so that tests stay fast. */
    public static RetryStrategy standardFastRetries() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .backoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(5)))
                .throttlingBackoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(5)))
                .build();
    }

    /** @return a transport over all four clients at {@code baseUrl}, which do not retry */
    public static AwsTransport transport(String baseUrl) {
        return transport(baseUrl, AwsRetryStrategy.doNotRetry());
    }

    /** @return a transport over all four clients at {@code baseUrl} with the given retry strategy */
    public static AwsTransport transport(String baseUrl, RetryStrategy retries) {
        return AwsTransport.builder()
                .sageMaker(SageMakerClient.builder().applyMutation(b -> configure(b, baseUrl, retries)).build())
                .runtime(SageMakerRuntimeClient.builder().applyMutation(b -> configure(b, baseUrl, retries)).build())
                .cloudWatch(CloudWatchClient.builder().applyMutation(b -> configure(b, baseUrl, retries)).build())
                .autoScaling(ApplicationAutoScalingClient.builder().applyMutation(b -> configure(b, baseUrl, retries)).build())
                .build();
    }

    /**
     * @return a transport whose runtime clients (synchronous and asynchronous, for streamed
     *     invocations) are pointed at {@code baseUrl} and do not retry
     */
    public static AwsTransport streamingTransport(String baseUrl) {
        return AwsTransport.builder()
                .runtime(SageMakerRuntimeClient.builder().applyMutation(b -> configure(b, baseUrl, AwsRetryStrategy.doNotRetry())).build())
                .runtimeAsync(SageMakerRuntimeAsyncClient.builder().endpointOverride(URI.create(baseUrl))
                        .region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                        .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry()).build())
                        .build())
                .build();
    }

    private static void configure(software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<?, ?> builder,
                                  String baseUrl, RetryStrategy retries) {
        builder.endpointOverride(URI.create(baseUrl))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(retries).build());
        ((software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?>) builder)
                .httpClient(UrlConnectionHttpClient.create());
    }

    /** @return a test resource under {@code aws/} as text */
    public static String fixture(String path) {
        try (InputStream in = WireClients.class.getResourceAsStream("/aws/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource aws/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the JSON text parsed */
    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * JSON equality where numbers compare by value: the SDK sends the float {@code 1} as
     * {@code 1.0}, Ballast's plan renders it as {@code 1}, and both mean the same on the wire.
     */
    public static boolean sameJson(String actual, String expected) {
        Comparator<JsonNode> numbersByValue = (a, b) -> {
            if (a.isNumber() && b.isNumber()) {
                return new BigDecimal(a.asText()).compareTo(new BigDecimal(b.asText()));
            }
            return a.equals(b) ? 0 : 1;
        };
        return json(actual).equals(numbersByValue, json(expected));
    }
}
