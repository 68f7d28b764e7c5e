package io.tally.billing.notification;

import io.tally.billing.api.ErrorCode;
import io.tally.billing.api.Money;
import io.tally.billing.api.NotificationType;
import io.tally.billing.ledger.BalanceLowered;
import io.tally.billing.ledger.DebitRefused;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;

/** Writes the low-balance and out-of-credits notices, off the charging thread. */
@Stateless
public class ChargingNoticeWriter {

  private static final int MAX_KEY = 255;

  @Inject Notifications notifications;

  @PersistenceContext EntityManager em;

  /**
   * A prepaid account's balance crossed below the threshold with the debit of {@code lowered}; its
   * ledger reference names the crossing, so the same debit never warns twice. A post-paid account
   * spends on a credit limit, so its balance is no warning sign.
   */
  @Asynchronous
  public void lowBalance(BalanceLowered lowered, BigDecimal threshold) {
    Object mode =
        em.createNativeQuery("SELECT billing_mode FROM account WHERE id = ?")
            .setParameter(1, lowered.accountId())
            .getResultStream()
            .findFirst()
            .orElse(null);
    if (!"PREPAID".equals(mode)) {
      return;
    }
    notifications.tell(
        new Notice(
            lowered.accountId(),
            NotificationType.LOW_BALANCE,
            key("low-balance:" + lowered.reference()),
            "Your Tally balance is low",
            "Your prepaid balance is now "
                + Money.format(lowered.balanceAfter())
                + " USD, below "
                + Money.format(threshold)
                + " USD. Calls are refused once it runs out: add credit, or turn on"
                + " auto-recharge."));
  }

  /** A call was refused for want of money; one notice per account and UTC day. */
  @Asynchronous
  public void outOfCredits(DebitRefused refused, LocalDate day) {
    boolean limit = refused.code() == ErrorCode.CREDIT_LIMIT_EXCEEDED;
    notifications.tell(
        new Notice(
            refused.accountId(),
            NotificationType.OUT_OF_CREDITS,
            "out-of-credits:" + day,
            limit
                ? "Tally refused a call: credit limit reached"
                : "Tally refused a call: out of credits",
            "A call costing "
                + Money.format(refused.required())
                + " USD was refused because "
                + (limit
                    ? "it would take your account past its credit limit."
                    : "your account is out of credits.")
                + " Add credit to resume; further refusals today are not repeated here."));
  }

  /** Event keys fit the column; a longer one is replaced by its digest. */
  private static String key(String key) {
    if (key.length() <= MAX_KEY) {
      return key;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
