package dev.ballast.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against {@link dev.ballast.testkit.FakeSageMaker} worlds with default settings.
 *
 * <p>Fields and parameters of type {@code FakeSageMaker}, {@code VirtualClock} and
 * {@code Ballast} (or {@code BallastEngine}: an engine bound to the world, on its clock) are
 * injected by type: instance fields and test-method parameters get a fresh world per test; static
 * fields and {@code @BeforeAll} parameters share one world per class. For settings other than the
 * defaults, register a {@link BallastExtension} with {@code @RegisterExtension} instead (not both).
 *
 * <pre>{@code
 * @BallastTest
 * class RolloutTest {
 *     FakeSageMaker fake;
 *     Ballast ballast;
 *
 *     @Test
 *     void creates() {
 *         assertThat(ballast.apply(spec).await()).isSucceeded();
 *     }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(BallastExtension.class)
public @interface BallastTest {
}
