package dev.ballast.aws;

import static dev.ballast.RollingUpdate.batch;

import java.time.Duration;

import dev.ballast.Alarm;
import dev.ballast.Component;
import dev.ballast.Endpoint;
import dev.ballast.plan.ApiCall;
import dev.ballast.plan.Plan;
import dev.ballast.spec.ComponentEndpointSpec;

/** A small deployment written in the DSL, whose plan gives realistic requests for the wire tests. */
public final class DemoSpec {

    public static final String ENDPOINT = "demo";
    public static final String COMPONENT = "llm";
    public static final String ALARM = "demo-llm-4xx";

    private DemoSpec() {
    }

    /** @return endpoint {@code demo} with component {@code llm}: two copies, a secret token, a 4xx rollback alarm */
    public static ComponentEndpointSpec spec(String token) {
        return Endpoint.on("ml.g5.2xlarge").scale(1, 4)
                .executionRole("arn:aws:iam::123456789012:role/R")
                .component(Component.named(COMPONENT).image("img").env("SM_NUM_GPUS", "1").secretEnv("HF_TOKEN", token)
                        .accelerators(1).memoryMb(1024).copies(2))
                .rollingUpdate(batch(1).wait(Duration.ofSeconds(120)).rollbackBatch(1)
                        .rollbackOn(Alarm.invocation4xxErrors().above(5).per(Duration.ofSeconds(300)).named(ALARM)))
                .named(ENDPOINT);
    }

    /** @return the plan's call of that operation */
    public static ApiCall call(Plan plan, String operation) {
        return plan.calls().stream().filter(c -> c.operation().equals(operation)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + operation + " in " + plan));
    }

    /** @return the call's request as service JSON with nothing masked: exactly what should be sent */
    public static String unmaskedJson(ApiCall call) {
        return new ApiCall(call.service(), call.operation(), call.resource(), call.reason(), call.request(), java.util.Set.of())
                .requestJsonCompact();
    }
}
