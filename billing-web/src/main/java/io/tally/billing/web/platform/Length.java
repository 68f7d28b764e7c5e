package io.tally.billing.web.platform;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.OverridesAttribute;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Text of 1 to {@code max} characters (after stripping), or a list of 1 to {@code max} items.
 * Fields only, as every constraint of a request record: Payara's OpenAPI scan fails on a constraint
 * it reads on a record's constructor parameters.
 */
@Documented
@Constraint(validatedBy = {})
@Target(FIELD)
@Retention(RUNTIME)
@ReportAsSingleViolation
@Size(min = 1)
public @interface Length {

  String message() default "must hold 1 to {max} characters or items";

  @OverridesAttribute(constraint = Size.class, name = "max")
  int max();

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
