package io.tally.billing.api;

import java.util.Arrays;
import java.util.Optional;

/** The admin and money actions the audit records, by the name callers filter on. */
public enum AuditAction {
  ADJUSTMENT_CREATED("adjustment.created"),
  MODEL_SAVED("model.saved"),
  PRICE_CHANGED("price.changed"),
  SUBSCRIPTION_CHANGED("subscription.changed"),
  SUBSCRIPTION_CANCELED("subscription.canceled"),
  API_KEY_CREATED("api_key.created"),
  API_KEY_REVOKED("api_key.revoked"),
  PLUGINS_RELOADED("plugins.reloaded"),
  REFUND_CREATED("refund.created"),
  RECHARGE_CREDITED("recharge.credited"),
  AUTO_RECHARGE_CHANGED("auto_recharge.changed"),
  SPEND_LIMIT_CHANGED("spend_limit.changed"),
  INVOICE_PAID("invoice.paid"),
  WEBHOOK_CHANGED("webhook.changed"),
  WEBHOOK_DELETED("webhook.deleted");

  private final String code;

  AuditAction(String code) {
    this.code = code;
  }

  /** The name stored and shown, such as {@code price.changed}. */
  public String code() {
    return code;
  }

  public static Optional<AuditAction> of(String code) {
    return Arrays.stream(values()).filter(action -> action.code.equals(code)).findFirst();
  }
}
