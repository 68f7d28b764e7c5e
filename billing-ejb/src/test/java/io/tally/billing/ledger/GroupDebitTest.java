package io.tally.billing.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.billing.api.BillingMode;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.ledger.Refusal.Snapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A group's debits decided in Java, charge after charge on one locked account: each against what
 * the ones before it left. GroupDebitIT compares the rule with the database's own UPDATE.
 */
class GroupDebitTest {

  private static final LocalDate MONTH = LocalDate.of(2026, 3, 1);

  private static GroupDebit account(String balance, String held, String cap, String used) {
    return new GroupDebit(
        new Snapshot(
            new BigDecimal(balance),
            new BigDecimal(held),
            BillingMode.PREPAID,
            null,
            new BigDecimal(used),
            cap == null ? null : new BigDecimal(cap),
            0,
            null,
            null,
            BigDecimal.ZERO,
            "ENTERPRISE"),
        Instant.parse("2026-03-01T00:00:00Z"),
        MONTH);
  }

  private static ChargeWrite charge(String amount) {
    return new ChargeWrite(
        1,
        "r",
        "m",
        null,
        new BigDecimal(amount),
        0,
        "[]",
        null,
        Instant.parse("2026-03-14T00:00:00Z"),
        List.of(),
        "f",
        0,
        null,
        ChargeWrite.Waits.NONE);
  }

  @Test
  void eachChargeIsCheckedAgainstWhatTheOnesBeforeItLeft() {
    GroupDebit account = account("1.000000", "0.250000", null, "0");

    assertTrue(account.fits(charge("0.500000")));
    assertEquals(new BigDecimal("0.500000"), account.apply(charge("0.500000")).balanceAfter());
    assertTrue(account.fits(charge("0.250000")), "available 0.25 covers 0.25 exactly");
    account.apply(charge("0.250000"));
    assertFalse(account.fits(charge("0.000001")));
    assertEquals(ErrorCode.OUT_OF_CREDITS, account.refusal(charge("0.000001")).code());
    assertEquals("0.250000", account.refusal(charge("0.000001")).details().get("balance"));
    assertEquals(new BigDecimal("0.750000"), account.debited());
  }

  @Test
  void theChargeThatReachesTheFairUseCapIsAcceptedAndTheNextRefused() {
    GroupDebit account = account("10", "0", "1.000000", "0.900000");

    assertTrue(account.fits(charge("0.300000")));
    assertEquals(new BigDecimal("1.200000"), account.apply(charge("0.300000")).fairUse().used());
    assertFalse(account.fits(charge("0.100000")));
    assertEquals(ErrorCode.FAIR_USE_LIMIT_REACHED, account.refusal(charge("0.100000")).code());
  }

  @Test
  void aSettlingChargeSpendsItsHoldOnTopOfWhatIsAvailableAndReleasesIt() {
    GroupDebit account = account("1.000000", "0.600000", null, "0");

    assertFalse(account.fits(charge("0.500000")), "available is 0.40");
    assertTrue(account.fitsSettling(charge("1.000000"), new BigDecimal("0.600000")));
    assertFalse(account.fitsSettling(charge("1.000001"), new BigDecimal("0.600000")));
    assertEquals(
        new BigDecimal("0.500000"),
        account.settle(charge("0.500000"), new BigDecimal("0.600000")).balanceAfter());
    // Nothing held any more: the 0.50 left is all available to the next charge.
    assertTrue(account.fits(charge("0.500000")));
    assertFalse(account.fits(charge("0.500001")));
    assertEquals("0.500000", account.refusal(charge("0.500001")).details().get("available"));
    assertEquals(new BigDecimal("0.600000"), account.released());
    assertTrue(account.settles());
  }
}
