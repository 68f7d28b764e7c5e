/**
 * Plans and monthly subscriptions paid by card. A subscription's period is a calendar month
 * anchored on the day it started; each period is paid through the {@link
 * io.tally.billing.payment.PaymentGateway} and granted as credits on the ledger under the key
 * {@code subscription:<id>:<period index>}, so a period is granted at most once however often (or
 * on however many servers) the renewal job runs. Fair-use caps ride on the account row that every
 * charge already updates, and so do workflow quotas (API runs only). Callers use {@link
 * io.tally.billing.api.SubscriptionService}.
 */
package io.tally.billing.subscription;
