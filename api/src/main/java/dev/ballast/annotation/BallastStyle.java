package dev.ballast.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.immutables.value.Value;

import dev.ballast.error.SpecValidationException;

/**
 * The one Immutables style of the project (tooling, not API): generated classes are hidden
 * behind the hand-written abstract types, use only JDK collections, depluralize adders
 * ({@code addComponent}), and leave missing required attributes to the spec's own validation,
 * which reports them as a {@link SpecValidationException} together with every other violation.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
        visibility = Value.Style.ImplementationVisibility.PACKAGE,
        overshadowImplementation = true,
        jdkOnly = true,
        depluralize = true,
        redactedMask = "****",
        allowedClasspathAnnotations = {Override.class},
        throwForInvalidImmutableState = SpecValidationException.class,
        // Missing required attributes are reported by the spec's own validation, with every
        // other violation, instead of one by one by the generated builder.
        validationMethod = Value.Style.ValidationMethod.NONE,
        defaults = @Value.Immutable(copy = true))
public @interface BallastStyle {
}
