package dev.ballast.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.ballast.testkit.FakeSageMaker;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
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
        @DisplayName("never")
        void never() {
            assertThat(fake).isNull();
        }
    }

    @BallastTest
    static class BothStyles {
        @RegisterExtension
        final BallastExtension extra = BallastExtension.builder().build();

        @Test
        @DisplayName("never")
        void never() {
        }
    }

    static class TwoInstanceFields {
        @RegisterExtension
        final BallastExtension one = BallastExtension.builder().build();

        @RegisterExtension
        final BallastExtension two = BallastExtension.builder().build();

        @Test
        @DisplayName("never")
        void never() {
        }
    }

    static class StaticTargetWithInstanceRegistration {
        static FakeSageMaker shared;

        @RegisterExtension
        final BallastExtension extension = BallastExtension.builder().build();

        @Test
        @DisplayName("never")
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
    @DisplayName("a final target field, fails fast naming the field")
    void aFinalTargetFieldFailsFastNamingTheField() {
        assertThat(failuresOf(FinalField.class)).singleElement().satisfies(e -> assertThat(e.getMessage())
                .contains("Field FinalField.fake is final").contains("remove 'final'"));
    }

    @Test
    @DisplayName("bothRegistrationStyles: fail fast")
    void bothRegistrationStylesFailFast() {
        assertThat(failuresOf(BothStyles.class)).isNotEmpty().first().satisfies(e -> assertThat(e.getMessage())
                .contains("registered twice").contains("not both"));
    }

    @Test
    @DisplayName("two instance field registrations, fail fast")
    void twoInstanceFieldRegistrationsFailFast() {
        assertThat(failuresOf(TwoInstanceFields.class)).singleElement().satisfies(e -> assertThat(e.getMessage())
                .contains("registered twice").contains("not both"));
    }

    @Test
    @DisplayName("a static target field, with an instance field registration, fails fast naming the field and the fix")
    void aStaticTargetFieldWithAnInstanceFieldRegistrationFailsFastNamingTheFieldAndTheFix() {
        // JUnit gives an instance-field extension no beforeAll: the static field would silently stay null
        assertThat(failuresOf(StaticTargetWithInstanceRegistration.class)).singleElement().satisfies(e -> assertThat(e.getMessage())
                .contains("StaticTargetWithInstanceRegistration.shared").contains("make the @RegisterExtension field static"));
    }
}
