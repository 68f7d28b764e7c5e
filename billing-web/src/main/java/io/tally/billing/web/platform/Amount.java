package io.tally.billing.web.platform;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * An exact amount of money a request may carry: micro-dollars at most (six decimal places), and no
 * more than a billion either way, more than any account will hold.
 */
@Documented
@Constraint(validatedBy = {})
@Target(FIELD)
@Retention(RUNTIME)
@ReportAsSingleViolation
@Digits(integer = 10, fraction = 6)
@DecimalMin("-1000000000")
@DecimalMax("1000000000")
public @interface Amount {

  String message() default "must have at most 6 decimal places and be at most 1000000000";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
