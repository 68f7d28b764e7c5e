package io.tally.billing.web.platform;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** Payment methods are processors' tokens ({@code pm_card_visa}, {@code pm_1Nx...}), not cards. */
@Documented
@Constraint(validatedBy = {})
@Target(FIELD)
@Retention(RUNTIME)
@ReportAsSingleViolation
@Pattern(regexp = "[A-Za-z0-9_]{1,100}")
public @interface PaymentToken {

  String message() default "must be a payment-method token such as pm_card_visa";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
