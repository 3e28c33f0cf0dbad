package dev.ballast.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.ballast.testkit.FakeSageMaker;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Runs deliberately broken classes (nested, so Surefire never runs them itself) and reads their failures. */
class BallastExtensionMisuseTest {

    @BallastTest
    static class FinalField {
        private final FakeSageMaker fake = null;

        @Test
        void never() {
            assertThat(fake).isNull();
        }
    }

    @BallastTest
    static class BothStyles {
        @RegisterExtension
        final BallastExtension extra = BallastExtension.builder().build();

        @Test
        void never() {
        }
    }

    static class TwoInstanceFields {
        @RegisterExtension
        final BallastExtension one = BallastExtension.builder().build();

        @RegisterExtension
        final BallastExtension two = BallastExtension.builder().build();

        @Test
        void never() {
        }
    }

    static class StaticTargetWithInstanceRegistration {
        static FakeSageMaker shared;

        @RegisterExtension
        final BallastExtension extension = BallastExtension.builder().build();

        @Test
        void never() {
        }
    }

    private static List<Throwable> failuresOf(Class<?> testClass) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(), listener);
        return listener.getSummary().getFailures().stream().map(TestExecutionSummary.Failure::getException).toList();
    }

    @Test
    void aFinalTargetField_failsFastNamingTheField() {
        assertThat(failuresOf(FinalField.class)).singleElement().satisfies(e -> assertThat(e.getMessage())
                .contains("Field FinalField.fake is final").contains("remove 'final'"));
    }

    @Test
    void bothRegistrationStyles_failFast() {
        assertThat(failuresOf(BothStyles.class)).isNotEmpty().first().satisfies(e -> assertThat(e.getMessage())
                .contains("registered twice").contains("not both"));
    }

    @Test
    void twoInstanceFieldRegistrations_failFast() {
        assertThat(failuresOf(TwoInstanceFields.class)).singleElement().satisfies(e -> assertThat(e.getMessage())
                .contains("registered twice").contains("not both"));
    }

    @Test
    void aStaticTargetField_withAnInstanceFieldRegistration_failsFastNamingTheFieldAndTheFix() {
        // JUnit gives an instance-field extension no beforeAll: the static field would silently stay null
        assertThat(failuresOf(StaticTargetWithInstanceRegistration.class)).singleElement().satisfies(e -> assertThat(e.getMessage())
                .contains("StaticTargetWithInstanceRegistration.shared").contains("make the @RegisterExtension field static"));
    }
}
