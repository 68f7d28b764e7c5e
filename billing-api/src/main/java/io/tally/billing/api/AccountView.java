package io.tally.billing.api;

/**
 * An account as callers see it. {@code available} is the balance less open holds; a post-paid
 * account may spend down to minus its {@code creditLimit}.
 */
public record AccountView(
    long id,
    String email,
    String name,
    BillingMode billingMode,
    String plan,
    String balance,
    String available,
    String creditLimit,
    AutoRechargeView autoRecharge,
    String createdAt) {

  /**
   * Auto-recharge settings of an account: when a charge takes the balance below {@code threshold},
   * {@code amount} is charged to {@code paymentMethod}. Amounts are decimal strings; null when
   * never set.
   */
  public record AutoRechargeView(
      boolean enabled, String threshold, String amount, String paymentMethod) {

    /** Settings of an account that never turned auto-recharge on. */
    public AutoRechargeView(boolean enabled) {
      this(enabled, null, null, null);
    }
  }
}
