/**
 * Taking money from customers' cards: one-off recharges and auto-recharge. Tally never sees a card
 * number: it passes a payment-method token to a {@link io.tally.billing.payment.PaymentGateway} —
 * the sandbox by default, or a real processor's adapter chosen by MicroProfile Config — and credits
 * the ledger only for a payment that succeeded.
 *
 * <p>Invariants: a recharge is a row recorded before the card is charged (unique per account,
 * origin and idempotency key) and finished in the transaction that credits the ledger, so it pays
 * and credits at most once whoever runs it; the card is charged with no transaction open. An
 * auto-recharge starts only when the database disarms the account's settings for a crossing below
 * the threshold, so one crossing pays once across observers and servers. A payment the processor
 * did not answer stays PENDING and is resolved under the same processor key (a replay of the
 * customer's key, or the sweep), never failed, so a card is not charged twice for one intent; every
 * amount sent to a card is whole cents ({@link io.tally.billing.api.Money#toCents}, enforced by
 * {@link io.tally.billing.payment.PaymentRequest}). Callers: the WAR through {@link
 * io.tally.billing.api.RechargeService}; charges through the {@code BalanceLowered} event.
 */
package io.tally.billing.payment;
