package io.tally.pricing.spi;

/**
 * A price sheet or a call's usage facts that a plugin cannot price. The server answers the caller
 * with a 400 naming {@link #field()}.
 */
public class PricingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * @param field the input at fault, as the caller wrote it: {@code durationMs}, {@code
   *     parameters.width} or {@code pricing.ratePerSecond}
   * @param message what is wrong, for a person to read
   */
  public PricingException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
