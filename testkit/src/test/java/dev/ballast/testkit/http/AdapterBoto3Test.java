package dev.ballast.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("boto3 against the fake served in this JVM: adapter inference components")
class AdapterBoto3Test {

    @Test
    @DisplayName("a boto3 script creates an adapter on an in-service base, invokes it by name, and cannot delete the base before it")
    void boto3Adapter() throws Exception {
        ExternalClients.Result result;
        try (FakeOverHttp http = FakeOverHttp.startScaled(600)) {
            result = ExternalClients.boto3Script("adapters_with_boto3.py", http.server.uri());
        }

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout().lines()).containsExactly(
                "base=InService",
                "adapter=InService",
                "base_name=llm",
                "artifact=s3://my-bucket/adapters/support.tar.gz",
                "compute=False",
                "invoked_variant=AllTraffic",
                "answered=True",
                "base_delete=ValidationException",
                "base_delete_names_adapter=True",
                "adapter_gone=True",
                "base_gone=True");
    }

}
