package dev.ballast.samples.rolling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import dev.ballast.Ballast;
import dev.ballast.aws.AwsTransport;
import dev.ballast.engine.BallastEngine;
import dev.ballast.spi.TimeSource;
import dev.ballast.testkit.FakeSageMaker;

/**
 * Where the notebook runs: on the built-in fake (simulated time, no account), or with
 * {@code --aws} against a real account, configured from the environment.
 *
 * @param ballast the engine
 * @param time its clock
 * @param schedule schedules the notebook's invocation loop on that clock
 * @param endpointName the endpoint's name
 * @param roleArn the execution role
 * @param hfToken the Hugging Face token (a secret)
 * @param image the text-generation image in the region
 * @param description one line saying where it runs
 * @param printer the progress printer listening to the engine
 * @param pause lets time pass between the notebook's cells (simulated on the fake)
 */
record Environment(Ballast ballast, TimeSource time, BiConsumer<Duration, Runnable> schedule, String endpointName,
                   String roleArn, String hfToken, String image, String description, ProgressPrinter printer,
                   java.util.function.Consumer<Duration> pause) {

    static final String ROLE_VARIABLE = "BALLAST_ROLE_ARN";
    static final String REGION_VARIABLE = "AWS_REGION";
    static final String TOKEN_VARIABLE = "HF_TOKEN";

    private static final String TGI_IMAGE = "763104351884.dkr.ecr.%s.amazonaws.com/"
            + "huggingface-pytorch-tgi-inference:2.4.0-tgi2.2.0-gpu-py311-cu124-ubuntu22.04";

    /** The built-in fake: SageMaker simulated in memory, on a virtual clock. */
    static Environment fake(java.util.function.Function<java.time.Instant, ProgressPrinter> printer) {
        FakeSageMaker fake = FakeSageMaker.create();
        ProgressPrinter p = printer.apply(fake.clock().now());
        Ballast ballast = BallastEngine.builder().transport(fake).clock(fake.clock(), fake.clock()).listener(p).build();
        return new Environment(ballast, fake.clock(), (d, r) -> fake.clock().schedule(d, r), "rolling-demo",
                "arn:aws:iam::123456789012:role/SageMakerExecutionRole", "hf_demo_token_not_a_real_one",
                String.format(TGI_IMAGE, fake.region()), "on the built-in fake (simulated time, no AWS account)", p,
                d -> fake.clock().advance(d));
    }

    /** On a real account the notebook's pauses take real time. */
    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A real account: {@value #ROLE_VARIABLE}, {@value #REGION_VARIABLE} and {@value #TOKEN_VARIABLE}
     * from the environment, credentials from the default AWS chain.
     *
     * @throws IllegalArgumentException naming every variable that is missing
     */
    static Environment aws(Map<String, String> env, java.util.function.Function<java.time.Instant, ProgressPrinter> printer) {
        List<String> missing = new ArrayList<>();
        for (String name : List.of(ROLE_VARIABLE, REGION_VARIABLE, TOKEN_VARIABLE)) {
            if (env.getOrDefault(name, "").isBlank()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("--aws needs " + String.join(", ", missing) + " in the environment: "
                    + ROLE_VARIABLE + " (an IAM role SageMaker can assume, arn:aws:iam::<account>:role/<name>), "
                    + REGION_VARIABLE + " (for example us-east-1) and " + TOKEN_VARIABLE
                    + " (a Hugging Face token that may download meta-llama/Llama-3.1-8B-Instruct). "
                    + "AWS credentials come from the default chain (environment, profile, instance role).");
        }
        String region = env.get(REGION_VARIABLE);
        AwsTransport transport = AwsTransport.create(Region.of(region), DefaultCredentialsProvider.builder().build());
        TimeSource time = TimeSource.system();
        ProgressPrinter p = printer.apply(time.now());
        Ballast ballast = BallastEngine.builder().transport(transport).listener(p).build();
        ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "notebook-traffic");
            t.setDaemon(true);
            return t;
        });
        return new Environment(ballast, time, (d, r) -> traffic.schedule(r, d.toMillis(), TimeUnit.MILLISECONDS),
                "ballast-rolling-demo", env.get(ROLE_VARIABLE), env.get(TOKEN_VARIABLE), String.format(TGI_IMAGE, region),
                "against AWS in " + region + " (real instances: this costs money and takes about an hour)", p,
                Environment::sleep);
    }
}
