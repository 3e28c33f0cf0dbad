package dev.ballast.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.testkit.FakeSageMaker;
import dev.ballast.testkit.FakeTimings;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BallastExtensionProgrammaticTest {

    @RegisterExtension
    final BallastExtension ballast = BallastExtension.builder().region("ap-southeast-2")
            .timings(FakeTimings.defaults().toBuilder().instanceLaunch(Duration.ofMinutes(2)).build())
            .configure(fake -> fake.givenInstanceQuota("ml.g5.2xlarge", 3))
            .build();

    private FakeSageMaker fake;

    @Test
    @DisplayName("worlds are built with the registered settings")
    void worldsAreBuiltWithTheRegisteredSettings() {
        assertThat(fake.region()).isEqualTo("ap-southeast-2");
        assertThat(fake.timings().instanceLaunch()).isEqualTo(Duration.ofMinutes(2));
    }
}
