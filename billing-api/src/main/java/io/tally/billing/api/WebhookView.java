package io.tally.billing.api;

/**
 * An account's webhook endpoint. The {@code secret} signs every delivery; it is in the answer only
 * when the endpoint was just created, and nowhere else afterwards.
 */
public record WebhookView(
    String url, boolean enabled, String secret, String createdAt, String updatedAt) {

  /** Whether this answer created the endpoint (it then carries the secret). */
  public boolean created() {
    return secret != null;
  }
}
