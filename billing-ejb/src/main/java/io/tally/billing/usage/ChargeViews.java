package io.tally.billing.usage;

import io.tally.billing.api.ChargeView;
import io.tally.billing.api.LineItemView;
import io.tally.billing.api.Money;
import io.tally.billing.api.UsageEvent;
import io.tally.billing.ledger.ChargeWrite;
import io.tally.billing.ledger.WrittenCharge;
import io.tally.billing.platform.Database;
import io.tally.billing.pricing.Pricer.PricedCall;
import java.math.BigDecimal;
import java.util.List;

/**
 * A charge as callers see it, from the call just written or from the stored row (a replay, a
 * refund): both give the same view, so a replay answers the first charge exactly.
 */
public final class ChargeViews {

  private ChargeViews() {}

  static ChargeView of(
      UsageEvent event, ChargeWrite write, List<PricedCall> calls, WrittenCharge written) {
    return new ChargeView(
        written.id(),
        event.requestId(),
        event.accountId(),
        write.model(),
        event.workflow(),
        Money.format(write.amount()),
        Money.format(written.balanceAfter()),
        lines(calls),
        event.isWorkflow() ? null : calls.get(0).pricedBy(),
        event.authorizationId(),
        write.startedAt().toString(),
        written.createdAt().toString(),
        write.waits().failedCalls(),
        write.waits().queueMs(),
        write.waits().coldStartMs());
  }

  /** A stored charge as it was first answered. */
  public static ChargeView of(Charge charge) {
    List<LineItemView> lines = ChargeLines.read(charge.lineItems());
    return new ChargeView(
        charge.id(),
        charge.requestId(),
        charge.accountId(),
        charge.model(),
        charge.workflow(),
        Money.format(charge.amount()),
        Money.format(charge.balanceAfter()),
        lines,
        charge.workflow() == null ? lines.get(0).pricedBy() : null,
        charge.authorizationId(),
        Database.format(charge.startedAt()),
        Database.format(charge.createdAt()),
        charge.failedCalls(),
        charge.queueMs(),
        charge.coldStartMs());
  }

  static List<LineItemView> lines(List<PricedCall> calls) {
    return calls.stream().flatMap(call -> call.lines().stream()).toList();
  }

  static BigDecimal total(List<PricedCall> calls) {
    return calls.stream().map(PricedCall::amount).reduce(Money.ZERO, BigDecimal::add);
  }
}
