package dev.ballast.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("boto3 against the fake served in this JVM: shadow variants")
class ShadowBoto3Test {

    @Test
    @DisplayName("boto3 creates an endpoint with a shadow variant: Describe shows it, production answers, its metrics count the copied half")
    void boto3Shadow() throws Exception {
        ExternalClients.Result result;
        try (FakeOverHttp http = FakeOverHttp.startScaled(600)) {
            result = ExternalClients.boto3Script("shadow_with_boto3.py", http.server.uri());
        }

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout().lines()).containsExactly(
                "endpoint=InService",
                "production=AllTraffic",
                "shadows=churn-v2-shadow",
                "shadow_instances=1",
                "shadow_weight=0.5",
                "config_shadows=churn-v2-shadow",
                "invoked=AllTraffic",
                "production_invocations=10",
                "shadow_invocations=5");
    }

}
