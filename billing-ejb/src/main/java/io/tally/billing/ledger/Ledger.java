package io.tally.billing.ledger;

import io.tally.billing.api.AdjustmentRequest;
import io.tally.billing.api.AdjustmentResult;
import io.tally.billing.api.AuditAction;
import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.LedgerService;
import io.tally.billing.api.Money;
import io.tally.billing.api.ReconciliationReport;
import io.tally.billing.api.ReconciliationReport.Mismatch;
import io.tally.billing.api.ReconciliationReport.RefundMismatch;
import io.tally.billing.api.TransactionPage;
import io.tally.billing.audit.AuditTrail;
import io.tally.billing.audit.Change;
import io.tally.billing.platform.Database;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** Reading the ledger, admin adjustments, and the reconciliation that proves it. */
@Stateless
public class Ledger implements LedgerService {

  @PersistenceContext EntityManager em;

  @Inject LedgerWriter writer;

  @Inject AuditTrail audit;

  /** Entries newest first, {@code limit} at a time, after the entry id in {@code cursor}. */
  @Override
  public TransactionPage transactions(long accountId, int limit, Long cursor) {
    List<LedgerEntry> entries =
        em.createQuery(
                "SELECT e FROM LedgerEntry e WHERE e.accountId = :account AND e.id < :cursor"
                    + " ORDER BY e.id DESC",
                LedgerEntry.class)
            .setParameter("account", accountId)
            .setParameter("cursor", cursor == null ? Long.MAX_VALUE : cursor)
            .setMaxResults(limit + 1)
            .getResultList();
    boolean more = entries.size() > limit;
    List<LedgerEntry> page = more ? entries.subList(0, limit) : entries;
    String next = more ? Long.toString(page.get(page.size() - 1).id()) : null;
    return new TransactionPage(page.stream().map(Ledger::view).toList(), next);
  }

  /**
   * Posts an admin credit or debit once per idempotency key. A replay answers the first entry,
   * whatever happened to the balance since (a debit replayed after the money fell is refused by the
   * guard before its key is seen, so the refusal looks for the key); the same key with another
   * amount or reason answers 422.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  @Override
  public AdjustmentResult adjust(AdjustmentRequest request) {
    String key = "adjustment:" + request.idempotencyKey();
    try {
      Posting posting =
          new Posting(
              request.accountId(),
              request.amount(),
              EntryKind.ADJUSTMENT,
              request.reason(),
              key,
              request.actor(),
              Posting.Guard.FUNDS);
      audit.within(() -> writer.post(posting), balance -> audited(request, balance));
    } catch (DuplicateEntry replay) {
      return replayOf(request, entry(request.accountId(), key).orElseThrow(() -> replay));
    } catch (BillingException refused) {
      if (refused.code() != ErrorCode.OUT_OF_CREDITS
          && refused.code() != ErrorCode.CREDIT_LIMIT_EXCEEDED) {
        throw refused;
      }
      Optional<LedgerEntry> first = entry(request.accountId(), key);
      if (first.isPresent()) {
        return replayOf(request, first.get());
      }
      throw new BillingException(
          ErrorCode.INSUFFICIENT_BALANCE,
          "this debit would take the account below what it may spend",
          "amount",
          refused.details());
    }
    return new AdjustmentResult(view(entry(request.accountId(), key).orElseThrow()), false);
  }

  /** The first adjustment under the request's key, if the request is the same one again. */
  private static AdjustmentResult replayOf(AdjustmentRequest request, LedgerEntry first) {
    if (first.amount().compareTo(request.amount()) != 0
        || !first.reference().equals(request.reason())) {
      throw new BillingException(
          ErrorCode.IDEMPOTENCY_KEY_REUSED,
          "this Idempotency-Key was used for an adjustment of "
              + Money.format(first.amount())
              + " (\""
              + first.reference()
              + "\")",
          "Idempotency-Key");
    }
    return new AdjustmentResult(view(first), true);
  }

  /** The audit entry of a posted adjustment: the amount, the reason and the balance around it. */
  private static Change audited(AdjustmentRequest request, BigDecimal balance) {
    return new Change(
        AuditAction.ADJUSTMENT_CREATED,
        Long.toString(request.accountId()),
        request.accountId(),
        Change.state("balance", Money.format(balance.subtract(request.amount()))),
        Change.state(
            "amount",
            Money.format(request.amount()),
            "reason",
            request.reason(),
            "balance",
            Money.format(balance)),
        request.idempotencyKey());
  }

  /** Every account's balance against the sum of its entries, and held against its open holds. */
  @Override
  public ReconciliationReport reconcile() {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT a.id, a.balance, COALESCE(e.total, 0), a.held, COALESCE(h.total, 0)"
                    + " FROM account a"
                    + " LEFT JOIN (SELECT account_id, SUM(amount) total FROM ledger_entry"
                    + "   GROUP BY account_id) e ON e.account_id = a.id"
                    + " LEFT JOIN (SELECT account_id, SUM(amount) total FROM authorization_hold"
                    + "   WHERE status = 'OPEN' GROUP BY account_id) h ON h.account_id = a.id"
                    + " WHERE a.balance <> COALESCE(e.total, 0) OR a.held <> COALESCE(h.total, 0)")
            .getResultList();
    long accounts =
        ((Number) em.createNativeQuery("SELECT COUNT(*) FROM account").getSingleResult())
            .longValue();
    List<Mismatch> mismatches =
        rows.stream()
            .map(
                row ->
                    new Mismatch(
                        ((Number) row[0]).longValue(),
                        Money.format((BigDecimal) row[1]),
                        Money.format((BigDecimal) row[2]),
                        Money.format((BigDecimal) row[3]),
                        Money.format((BigDecimal) row[4])))
            .toList();
    List<RefundMismatch> refunds = refundMismatches();
    return new ReconciliationReport(
        mismatches.isEmpty() && refunds.isEmpty(), accounts, mismatches, refunds);
  }

  /**
   * Refunded charges whose {@code refunded} is not the sum of their refunds or exceeds their
   * amount. Read from the refund side, so the check costs nothing per unrefunded charge.
   */
  private List<RefundMismatch> refundMismatches() {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT c.id, c.amount, c.refunded, r.total FROM charge c"
                    + " JOIN (SELECT charge_id, SUM(amount) total FROM refund GROUP BY charge_id) r"
                    + " ON r.charge_id = c.id"
                    + " WHERE c.refunded <> r.total OR c.refunded > c.amount")
            .getResultList();
    return rows.stream()
        .map(
            row ->
                new RefundMismatch(
                    ((Number) row[0]).longValue(),
                    Money.format((BigDecimal) row[1]),
                    Money.format((BigDecimal) row[2]),
                    Money.format((BigDecimal) row[3])))
        .toList();
  }

  private Optional<LedgerEntry> entry(long accountId, String idempotencyKey) {
    return em.createQuery(
            "SELECT e FROM LedgerEntry e WHERE e.accountId = :account AND e.idempotencyKey = :key",
            LedgerEntry.class)
        .setParameter("account", accountId)
        .setParameter("key", idempotencyKey)
        .getResultStream()
        .findFirst();
  }

  static TransactionPage.Entry view(LedgerEntry entry) {
    return new TransactionPage.Entry(
        entry.id(),
        entry.kind(),
        Money.format(entry.amount()),
        Money.format(entry.balanceAfter()),
        entry.reference(),
        entry.createdBy(),
        Database.format(entry.createdAt()));
  }
}
