package io.tally.billing.ledger;

import io.tally.billing.api.BillingException;
import io.tally.billing.ledger.Refusal.Snapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * {@link ChargeSql#CHARGE_DEBIT}'s rule (and {@link ChargeSql#SETTLE_DEBIT}'s for a charge that
 * settles an open hold), decided in Java for one account of a group whose row the group has locked
 * ({@code SELECT … FOR UPDATE}): nothing else can change the account until the commit, so deciding
 * each charge against what the group's earlier charges left is exact. The arithmetic is the
 * statement's, term for term; {@code GroupDebitIT} runs both on random accounts and charges and
 * compares every answer and every column. What the group accepted is then written by one UPDATE
 * whose own WHERE still refuses to take the account below its floor or past its spend limit ({@link
 * ChargeGroup}).
 */
final class GroupDebit {

  private final Snapshot start;
  private final Instant since;
  private final LocalDate month;
  private BigDecimal balance;
  private BigDecimal held;
  private BigDecimal released = BigDecimal.ZERO;
  private boolean settles;
  private BigDecimal used;
  private int workflowUsed;
  private BigDecimal spent;
  private BigDecimal debited = BigDecimal.ZERO;
  private int runs;
  private int accepted;

  /** {@code start} as read under the lock; {@code since} the period's start, or null. */
  GroupDebit(Snapshot start, Instant since, LocalDate month) {
    this.start = start;
    this.since = since;
    this.month = month;
    this.balance = start.balance();
    this.held = start.held();
    this.used = start.fairUseUsed();
    this.workflowUsed = start.workflowUsed();
    this.spent = start.spent();
  }

  /**
   * Whether the conditional debit would apply to the account as the charges before left it: its
   * WHERE clause, in the same order.
   */
  boolean fits(ChargeWrite write) {
    BigDecimal amount = write.amount();
    BigDecimal spendable =
        balance
            .subtract(held)
            .add(Objects.requireNonNullElse(start.creditLimit(), BigDecimal.ZERO));
    return spendable.compareTo(amount) >= 0
        && (start.fairUseCap() == null || used.compareTo(start.fairUseCap()) < 0)
        && (write.workflowRuns() == 0
            || start.workflowQuota() == null
            || workflowUsed < start.workflowQuota())
        && (start.spendLimit() == null
            || spent.add(held).add(amount).compareTo(start.spendLimit()) <= 0);
  }

  /**
   * Whether the settling debit would apply, the charge settling a hold of {@code hold}: the hold's
   * money counts as spendable on top of what is available; no cap or limit refuses it.
   */
  boolean fitsSettling(ChargeWrite write, BigDecimal hold) {
    return balance
            .subtract(held)
            .add(hold)
            .add(Objects.requireNonNullElse(start.creditLimit(), BigDecimal.ZERO))
            .compareTo(write.amount())
        >= 0;
  }

  /** The settling debit's SET clause: {@link #apply}'s, and the hold released from {@code held}. */
  WrittenCharge settle(ChargeWrite write, BigDecimal hold) {
    held = held.subtract(hold);
    released = released.add(hold);
    settles = true;
    return apply(write);
  }

  /** The debit's SET clause; answers the account right after it (id and time not known yet). */
  WrittenCharge apply(ChargeWrite write) {
    balance = balance.subtract(write.amount());
    if (start.fairUseCap() != null) {
      used = used.add(write.amount());
    }
    if (start.workflowQuota() != null) {
      workflowUsed += write.workflowRuns();
    }
    // spent = IF(spend_month = month, spent, 0) + amount, spend_month = month: counted in month.
    spent = spent.add(write.amount());
    debited = debited.add(write.amount());
    runs += write.workflowRuns();
    accepted++;
    return after(write);
  }

  /** Why the charge does not fit, from the account as the charges before left it. */
  BillingException refusal(ChargeWrite write) {
    return Refusal.of(
        start.with(balance, held, used, workflowUsed, spent), write.amount(), write.workflowRuns());
  }

  /** Whether any charge of the group applied: only then is the account written. */
  boolean debits() {
    return accepted > 0;
  }

  /** What the accepted charges took from the balance (and added to the month's spend). */
  BigDecimal debited() {
    return debited;
  }

  /** What the holds the group settled on the account release from {@code held}. */
  BigDecimal released() {
    return released;
  }

  /** Whether a charge of the group settled a hold on the account. */
  boolean settles() {
    return settles;
  }

  /** The API workflow runs of the accepted charges. */
  int runs() {
    return runs;
  }

  private WrittenCharge after(ChargeWrite write) {
    Integer quota = start.workflowQuota();
    return new WrittenCharge(
        0,
        balance,
        null,
        start.fairUseCap() == null
            ? null
            : new WrittenCharge.FairUse(used, start.fairUseCap(), since),
        new WrittenCharge.Limits(
            quota == null || write.workflowRuns() == 0
                ? null
                : new WrittenCharge.Quota(workflowUsed, quota, since),
            start.spendLimit() == null
                ? null
                : new WrittenCharge.Spend(spent, start.spendLimit(), month),
            null));
  }
}
