package io.tally.billing.refund;

import io.tally.billing.api.AuditAction;
import io.tally.billing.api.BillingException;
import io.tally.billing.api.ChargeRefunds;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.Money;
import io.tally.billing.api.RefundRequest;
import io.tally.billing.api.RefundResult;
import io.tally.billing.api.RefundService;
import io.tally.billing.api.RefundView;
import io.tally.billing.audit.AuditTrail;
import io.tally.billing.audit.Change;
import io.tally.billing.ledger.DuplicateEntry;
import io.tally.billing.platform.Database;
import io.tally.billing.usage.Charge;
import io.tally.billing.usage.ChargeViews;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** Refunds of charges, and a charge with its refunds. */
@Stateless
public class Refunds implements RefundService {

  @PersistenceContext EntityManager em;

  @Inject RefundStore store;

  @Inject AuditTrail audit;

  @Override
  public ChargeRefunds charge(long chargeId) {
    Charge charge = find(chargeId);
    List<RefundView> refunds =
        em.createQuery(
                "SELECT r FROM Refund r WHERE r.chargeId = :charge ORDER BY r.id", Refund.class)
            .setParameter("charge", chargeId)
            .getResultStream()
            .map(Refunds::view)
            .toList();
    return new ChargeRefunds(
        ChargeViews.of(charge),
        Money.format(charge.refunded()),
        Money.format(charge.amount().subtract(charge.refunded())),
        refunds);
  }

  /**
   * Refunds once per key. A replay answers the first refund whatever was refunded since (a replay
   * after the charge was refunded in full is refused by the charge's UPDATE before its key is seen,
   * so the refusal looks for the key); the same key with another charge, amount or reason answers
   * 422.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  @Override
  public RefundResult refund(RefundRequest request) {
    Charge charge = find(request.chargeId());
    BigDecimal amount =
        request.amount() != null ? request.amount() : charge.amount().subtract(charge.refunded());
    try {
      if (amount.signum() <= 0) {
        throw new BillingException(
            ErrorCode.REFUND_EXCEEDS_CHARGE,
            "charge " + charge.id() + " is refunded in full",
            "amount");
      }
      audit.within(
          () -> store.write(charge, amount, request), written -> audited(charge, request, written));
      return new RefundResult(view(byKey(charge.accountId(), request).orElseThrow()), false);
    } catch (DuplicateEntry replay) {
      return replayOf(request, byKey(charge.accountId(), request).orElseThrow(() -> replay));
    } catch (BillingException refused) {
      if (refused.code() != ErrorCode.REFUND_EXCEEDS_CHARGE) {
        throw refused;
      }
      Optional<Refund> first = byKey(charge.accountId(), request);
      if (first.isPresent()) {
        return replayOf(request, first.get());
      }
      throw refused;
    }
  }

  /** The first refund under the request's key, if the request is the same one again. */
  private static RefundResult replayOf(RefundRequest request, Refund first) {
    boolean sameAmount =
        first.requested() == null
            ? request.amount() == null
            : request.amount() != null && first.requested().compareTo(request.amount()) == 0;
    if (first.chargeId() != request.chargeId()
        || !sameAmount
        || !first.reason().equals(request.reason())) {
      throw new BillingException(
          ErrorCode.IDEMPOTENCY_KEY_REUSED,
          "this Idempotency-Key was used for a refund of "
              + Money.format(first.amount())
              + " of charge "
              + first.chargeId()
              + " (\""
              + first.reason()
              + "\")",
          "Idempotency-Key");
    }
    return new RefundResult(view(first), true);
  }

  /** The audit entry of a refund: the charge's refunded total and the balance around it. */
  private static Change audited(Charge charge, RefundRequest request, RefundStore.Written written) {
    BigDecimal refundedAfter = written.refundedBefore().add(written.amount());
    return new Change(
        AuditAction.REFUND_CREATED,
        Long.toString(charge.id()),
        charge.accountId(),
        Change.state(
            "chargeAmount",
            Money.format(charge.amount()),
            "refunded",
            Money.format(written.refundedBefore()),
            "balance",
            Money.format(written.balance().subtract(written.amount()))),
        Change.state(
            "refund",
            written.id(),
            "amount",
            Money.format(written.amount()),
            "reason",
            request.reason(),
            "refunded",
            Money.format(refundedAfter),
            "balance",
            Money.format(written.balance())),
        request.idempotencyKey());
  }

  private Charge find(long chargeId) {
    Charge charge = em.find(Charge.class, chargeId);
    if (charge == null) {
      throw new BillingException(ErrorCode.CHARGE_NOT_FOUND, "no charge " + chargeId);
    }
    return charge;
  }

  private Optional<Refund> byKey(long accountId, RefundRequest request) {
    return em.createQuery(
            "SELECT r FROM Refund r WHERE r.accountId = :account AND r.idempotencyKey = :key",
            Refund.class)
        .setParameter("account", accountId)
        .setParameter("key", request.idempotencyKey())
        .getResultStream()
        .findFirst();
  }

  static RefundView view(Refund refund) {
    return new RefundView(
        refund.id(),
        refund.chargeId(),
        refund.accountId(),
        Money.format(refund.amount()),
        refund.reason(),
        Money.format(refund.balanceAfter()),
        refund.createdBy(),
        Database.format(refund.createdAt()));
  }
}
