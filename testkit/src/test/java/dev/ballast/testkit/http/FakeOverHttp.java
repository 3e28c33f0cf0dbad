package dev.ballast.testkit.http;

import dev.ballast.testkit.FakeSageMaker;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * A fake behind its HTTP front, with the Java SDK's clients pointed at it: what the over-HTTP
 * tests share. Clients are made on first use; {@link #close()} closes them, the server and the
 * fake, in that order.
 */
final class FakeOverHttp implements AutoCloseable {

    final FakeSageMaker fake;
    final FakeServer server;
    private final List<SdkAutoCloseable> clients = new ArrayList<>();

    private FakeOverHttp(FakeSageMaker fake, double timeScale) {
        this.fake = fake;
        this.server = FakeServer.builder(fake).timeScale(timeScale).build().start();
    }

    /** @return a fake of its defaults, served */
    static FakeOverHttp start() {
        return start(FakeSageMaker.create());
    }

    /** @return this fake, served */
    static FakeOverHttp start(FakeSageMaker fake) {
        return new FakeOverHttp(fake, 0);
    }

    /**
     * @param timeScale simulated seconds per wall-clock second, for clients that wait on the wall
     *     clock (boto3's waiters, the CLI); see {@link FakeServer.Builder#timeScale}
     * @return a fake of its defaults, served with its clock running that fast
     */
    static FakeOverHttp startScaled(double timeScale) {
        return new FakeOverHttp(FakeSageMaker.create(), timeScale);
    }

    SageMakerClient sageMaker() {
        return opened(SdkClients.sageMaker(server));
    }

    SageMakerRuntimeClient runtime() {
        return opened(SdkClients.runtime(server));
    }

    CloudWatchClient cloudWatch() {
        return opened(SdkClients.cloudWatch(server));
    }

    ApplicationAutoScalingClient autoScaling() {
        return opened(SdkClients.autoScaling(server));
    }

    private <C extends SdkAutoCloseable> C opened(C client) {
        clients.add(client);
        return client;
    }

    @Override
    public void close() {
        clients.forEach(SdkAutoCloseable::close);
        server.close();
        fake.close();
    }
}
