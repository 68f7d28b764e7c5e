package io.tally.billing.web.platform;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Positive;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * An id, or an amount that must be more than zero. Fields only, as every constraint of a request
 * record: Payara's OpenAPI scan fails on a constraint it reads on a record's constructor
 * parameters.
 */
@Documented
@Constraint(validatedBy = {})
@Target(FIELD)
@Retention(RUNTIME)
@ReportAsSingleViolation
@Positive
public @interface GreaterThanZero {

  String message() default "must be greater than zero";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
