package io.tally.billing.web.platform;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.PositiveOrZero;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * An amount that may be zero but not below it. Fields only, as every constraint of a request
 * record: Payara's OpenAPI scan fails on a constraint it reads on a record's constructor
 * parameters.
 */
@Documented
@Constraint(validatedBy = {})
@Target(FIELD)
@Retention(RUNTIME)
@ReportAsSingleViolation
@PositiveOrZero
public @interface NotNegative {

  String message() default "must not be negative";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
