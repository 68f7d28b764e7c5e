package io.tally.billing.web.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource method anyone may call without a key: {@link Authentication} lets it through unnamed,
 * ignoring any {@code Authorization} header, and the rate limit counts it by client address. Only
 * for reads of platform-wide figures that a public page shows anyway; such a method must not read
 * the caller, because there is none.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Keyless {}
