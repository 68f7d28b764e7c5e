package io.tally.billing.payment;

import io.tally.billing.api.AccountView.AutoRechargeView;
import io.tally.billing.api.AuditAction;
import io.tally.billing.api.AutoRechargeRequest;
import io.tally.billing.api.BillingException;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.Money;
import io.tally.billing.api.RechargeRequest;
import io.tally.billing.api.RechargeResult;
import io.tally.billing.api.RechargeService;
import io.tally.billing.audit.AuditTrail;
import io.tally.billing.audit.Change;
import io.tally.billing.payment.RechargeRow.Origin;
import io.tally.billing.payment.RechargeRow.Status;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Card recharges and auto-recharge settings. A recharge is recorded before the card is charged and
 * finished after, each step its own transaction, and the card is charged with no transaction open;
 * a request with a key seen before answers what that key's recharge came to, whatever happened to
 * the balance since. A recharge whose payment went unanswered (a processor timeout) is answered
 * PENDING; the same key again, or the sweep, asks the processor what became of it.
 */
@Stateless
@Local(RechargeService.class)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Recharges implements RechargeService {

  @Inject RechargeBook book;

  @Inject RechargeRunner runner;

  @Inject AutoRechargeSettings settings;

  @Inject AutoRechargeTrigger trigger;

  @Inject AuditTrail audit;

  @Inject
  @ConfigProperty(name = "tally.recharge.min", defaultValue = "1.00")
  BigDecimal minimum;

  @Inject
  @ConfigProperty(name = "tally.recharge.max", defaultValue = "10000.00")
  BigDecimal maximum;

  @Inject
  @ConfigProperty(name = "tally.auto-recharge.min-threshold", defaultValue = "1.00")
  BigDecimal minimumThreshold;

  @Inject
  @ConfigProperty(name = "tally.auto-recharge.min-amount", defaultValue = "5.00")
  BigDecimal minimumAutoAmount;

  @Override
  public RechargeResult recharge(RechargeRequest request) {
    checkAmount("amount", request.amount(), minimum);
    RechargeBook.Opened opened =
        book.open(
            request.accountId(),
            Origin.CUSTOMER,
            request.idempotencyKey(),
            request.amount(),
            request.paymentMethod());
    RechargeRow row = opened.row();
    if (opened.created()) {
      return answer(runner.execute(row), false);
    }
    if (row.amount().compareTo(request.amount()) != 0
        || !row.paymentMethod().equals(request.paymentMethod())) {
      throw new BillingException(
          ErrorCode.IDEMPOTENCY_KEY_REUSED,
          "this Idempotency-Key was used for a recharge of "
              + Money.format(row.amount())
              + " with "
              + row.paymentMethod(),
          "Idempotency-Key");
    }
    if (row.unanswered()) {
      // The first attempt timed out: ask the processor again under the same key.
      row = runner.execute(row);
    }
    return answer(row, true);
  }

  @Override
  public AutoRechargeView configureAutoRecharge(AutoRechargeRequest request) {
    if (request.enabled()) {
      require("threshold", request.threshold());
      require("amount", request.amount());
      require("paymentMethod", request.paymentMethod());
    }
    if (request.threshold() != null && request.threshold().compareTo(minimumThreshold) < 0) {
      throw BillingException.invalid(
          "threshold", "threshold must be at least " + Money.format(minimumThreshold));
    }
    if (request.amount() != null) {
      checkAmount("amount", request.amount(), minimumAutoAmount);
    }
    AutoRechargeSettings.Saved saved =
        audit.within(() -> settings.save(request), Recharges::audited);
    trigger.forget(request.accountId());
    return saved.after();
  }

  /**
   * A recharge as the caller's answer: the recharge (succeeded, or PENDING while the processor has
   * not said how its payment ended), or the refusal it ended in.
   */
  private static RechargeResult answer(RechargeRow row, boolean replay) {
    if (row.status() == Status.SUCCEEDED || row.unanswered()) {
      return new RechargeResult(row.view(), replay);
    }
    if (row.status() == Status.PENDING) {
      throw new BillingException(
          ErrorCode.RECHARGE_IN_PROGRESS,
          "a recharge with this Idempotency-Key is being paid; retry in a few seconds",
          "Idempotency-Key");
    }
    throw refusal(row);
  }

  /** A change of the settings, as the audit records it; none when nothing changed. */
  private static Change audited(AutoRechargeSettings.Saved saved) {
    if (saved.before().equals(saved.after())) {
      return null;
    }
    return new Change(
        AuditAction.AUTO_RECHARGE_CHANGED,
        Long.toString(saved.accountId()),
        saved.accountId(),
        state(saved.before()),
        state(saved.after()),
        null);
  }

  private static Map<String, Object> state(AutoRechargeView settings) {
    return Change.state(
        "enabled",
        settings.enabled(),
        "threshold",
        settings.threshold(),
        "amount",
        settings.amount(),
        "paymentMethod",
        settings.paymentMethod());
  }

  private static BillingException refusal(RechargeRow row) {
    ErrorCode code = PaymentErrors.code(row.status(), row.errorCode());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("rechargeId", row.id());
    if (!code.code().equals(row.errorCode())) {
      details.put("declineCode", row.errorCode());
    }
    return new BillingException(code, row.errorMessage(), "paymentMethod", details);
  }

  private void checkAmount(String field, BigDecimal amount, BigDecimal least) {
    if (amount.compareTo(least) < 0 || amount.compareTo(maximum) > 0) {
      throw BillingException.invalid(
          field, field + " must be from " + Money.format(least) + " to " + Money.format(maximum));
    }
    if (amount.stripTrailingZeros().scale() > 2) {
      throw BillingException.invalid(field, field + " must be whole cents");
    }
  }

  private static void require(String field, Object value) {
    if (value == null) {
      throw new BillingException(
          ErrorCode.MISSING_FIELD, field + " is required to turn auto-recharge on", field);
    }
  }
}
