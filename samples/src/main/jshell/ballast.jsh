// Ballast in JShell: the DSL, the engine, and SageMaker simulated on a virtual clock.
//   mvn -B -q -DskipTests package
//   jshell --class-path "$(cat samples/target/jshell.classpath)" --startup DEFAULT --startup samples/src/main/jshell/ballast.jsh
import dev.ballast.*;
import dev.ballast.engine.*;
import dev.ballast.spec.*;
import dev.ballast.plan.*;
import dev.ballast.event.*;
import dev.ballast.outcome.*;
import dev.ballast.testkit.*;
import java.time.Duration;
import static dev.ballast.RollingUpdate.batch;

// show(..) prints the events; Ballast's own INFO log would print each one again.
System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");

FakeSageMaker fake = FakeSageMaker.create();
Ballast ballast = BallastEngine.builder().transport(fake).clock(fake.clock(), fake.clock()).build();
String ROLE = "arn:aws:iam::123456789012:role/SageMakerExecutionRole";
String TGI = "763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.4.0-tgi2.2.0-gpu-py311-cu124-ubuntu22.04";
// The time from start to at as the outcomes print theirs: 45s, 5m20s, 1h02m.
String since(java.time.Instant start, java.time.Instant at) {
    long s = Duration.between(start, at).getSeconds();
    return s < 60 ? s + "s" : s < 3600 ? s / 60 + "m" + String.format("%02ds", s % 60) : s / 3600 + "h" + String.format("%02dm", s % 3600 / 60);
}
java.time.Instant START = fake.clock().now();
void show(DeploymentEvent e) { System.out.printf("%8s  %s%n", "+" + since(START, e.at()), e.describe()); }
// chat(spec, target, prompt) asks a Messages API model to stream, and prints each token as it comes.
void chat(EndpointSpec spec, String target, String prompt) {
    String json = "{\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt.replace("\\", "\\\\").replace("\"", "\\\"")
            + "\"}],\"stream\":true}";
    var done = new java.util.concurrent.CompletableFuture<Void>();
    ballast.invokeStream(spec, target, json).tokens().subscribe(new java.util.concurrent.Flow.Subscriber<String>() {
        public void onSubscribe(java.util.concurrent.Flow.Subscription s) { s.request(Long.MAX_VALUE); }
        public void onNext(String token) { System.out.print(token); System.out.flush(); }
        public void onError(Throwable t) { System.out.println(); done.completeExceptionally(t); }
        public void onComplete() { System.out.println(); done.complete(null); }
    });
    done.join();
}
// open(d) draws a deployment as its timeline page, writes it to a temporary file and opens it in
// the browser (or prints the path where there is no desktop).
java.nio.file.Path open(Deployment d) {
    try {
        java.nio.file.Path page = d.timeline().writeHtml(java.nio.file.Files.createTempFile("ballast-timeline-", ".html"));
        if (java.awt.Desktop.isDesktopSupported() && java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.BROWSE)) {
            java.awt.Desktop.getDesktop().browse(page.toUri());
        }
        System.out.println("timeline: " + page);
        return page;
    } catch (java.io.IOException | RuntimeException e) {
        System.out.println("timeline not opened: " + e.getMessage());
        return null;
    }
}
System.out.println("Ballast is ready: fake (SageMaker, simulated), ballast (the engine on it), ROLE, TGI, show(event), chat(spec, target, prompt), open(deployment)");
