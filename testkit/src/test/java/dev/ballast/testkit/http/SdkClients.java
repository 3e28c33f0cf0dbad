package dev.ballast.testkit.http;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClientBuilder;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/** Real AWS SDK clients pointed at a {@link FakeServer}, without retries so every answer is seen as sent. */
final class SdkClients {

    static final String ACCESS_KEY = "AKIDFAKESERVERTEST";

    private SdkClients() {
    }

    static SageMakerClient sageMaker(FakeServer server) {
        return configure(SageMakerClient.builder(), server, ACCESS_KEY).build();
    }

    static SageMakerClient sageMaker(FakeServer server, String accessKey, boolean retries) {
        SageMakerClientBuilder builder = configure(SageMakerClient.builder(), server, accessKey);
        if (retries) {
            builder.overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy()));
        }
        return builder.build();
    }

    static SageMakerClient sageMaker(URI endpoint) {
        return configure(SageMakerClient.builder(), endpoint, ACCESS_KEY).build();
    }

    /**
     * @param opened where the four clients go, for the caller to close (the transport leaves them open)
     * @return an {@link dev.ballast.aws.AwsTransport} over real SDK clients of the four services, pointed at the server
     */
    static dev.ballast.aws.AwsTransport awsTransport(FakeServer server, java.util.List<software.amazon.awssdk.utils.SdkAutoCloseable> opened) {
        SageMakerClient sageMaker = sageMaker(server);
        SageMakerRuntimeClient runtime = runtime(server);
        CloudWatchClient cloudWatch = cloudWatch(server);
        ApplicationAutoScalingClient autoScaling = autoScaling(server);
        opened.addAll(java.util.List.of(sageMaker, runtime, cloudWatch, autoScaling));
        return dev.ballast.aws.AwsTransport.builder().sageMaker(sageMaker).runtime(runtime).cloudWatch(cloudWatch)
                .autoScaling(autoScaling).build();
    }

    static SageMakerRuntimeClient runtime(FakeServer server) {
        return configure(SageMakerRuntimeClient.builder(), server, ACCESS_KEY).build();
    }

    static CloudWatchClient cloudWatch(FakeServer server) {
        return configure(CloudWatchClient.builder(), server, ACCESS_KEY).build();
    }

    static ApplicationAutoScalingClient autoScaling(FakeServer server) {
        return configure(ApplicationAutoScalingClient.builder(), server, ACCESS_KEY).build();
    }

    private static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder,
            FakeServer server, String accessKey) {
        return configure(builder, server.uri(), accessKey);
    }

    private static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder,
            URI endpoint, String accessKey) {
        return builder.endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }
}
