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

  /** Auto-recharge settings of an account. */
  public record AutoRechargeView(boolean enabled) {}
}
