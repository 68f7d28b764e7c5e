package io.tally.billing.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tally.billing.api.BillingException;
import io.tally.billing.api.BillingMode;
import io.tally.billing.api.ErrorCode;
import io.tally.billing.ledger.Refusal.Snapshot;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Which limit a refused debit is explained by, in the order the answer must name them. */
class RefusalTest {

  private static Snapshot account(
      String balance, String held, Integer quota, int used, String limit, String spent) {
    return new Snapshot(
        new BigDecimal(balance),
        new BigDecimal(held),
        BillingMode.PREPAID,
        null,
        BigDecimal.ZERO,
        null,
        used,
        quota,
        limit == null ? null : new BigDecimal(limit),
        new BigDecimal(spent),
        "PRO");
  }

  private static BillingException refusal(Snapshot account, String required, int runs) {
    return Refusal.of(account, new BigDecimal(required), runs);
  }

  @Test
  void outOfCreditsComesBeforeAnyLimit() {
    BillingException refused = refusal(account("0.05", "0", 10, 10, "1", "1"), "0.1", 1);

    assertEquals(ErrorCode.OUT_OF_CREDITS, refused.code());
  }

  @Test
  void theWorkflowQuotaRefusesApiRunsOnlyAndNamesTheUpgrade() {
    BillingException run = refusal(account("10", "0", 1000, 1000, null, "0"), "0.1", 1);

    assertEquals(ErrorCode.WORKFLOW_QUOTA_REACHED, run.code());
    assertEquals("PRO", run.details().get("upgradeTo"));
    assertEquals(1000, run.details().get("used"));
    assertEquals(1000, run.details().get("quota"));
    assertEquals(
        ErrorCode.OUT_OF_CREDITS,
        refusal(account("10", "0", 1000, 1000, null, "0"), "0.1", 0).code(),
        "a model call is not refused by the quota (nothing else explains it)");
  }

  @Test
  void theSpendLimitCountsOpenHoldsAndSaysWhatWasSpent() {
    BillingException refused = refusal(account("10", "0.6", null, 0, "1", "0.3"), "0.2", 0);

    assertEquals(ErrorCode.SPEND_LIMIT_REACHED, refused.code());
    assertEquals("account", refused.details().get("scope"));
    assertEquals("1.000000", refused.details().get("limit"));
    assertEquals("0.300000", refused.details().get("spent"));
  }
}
