package io.tally.billing.usage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One account's use of one model on one UTC day, added to in each charge's transaction. Reports
 * read these, never the charges.
 */
@Entity
@Table(name = "usage_rollup")
@IdClass(UsageRollup.Key.class)
public class UsageRollup {

  @Id
  @Column(name = "account_id")
  private long accountId;

  @Id private LocalDate day;

  @Id
  @Column(name = "model_id")
  private String model;

  /** Every call, failed ones included. */
  private long calls;

  @Column(name = "failed_calls")
  private long failedCalls;

  /** The succeeded calls' duration only. */
  @Column(name = "total_duration_ms")
  private long totalDurationMs;

  private BigDecimal amount;

  protected UsageRollup() {}

  /** The rollup's identity. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    long accountId;
    LocalDate day;
    String model;

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key
          && key.accountId == accountId
          && java.util.Objects.equals(key.day, day)
          && java.util.Objects.equals(key.model, model);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(accountId, day, model);
    }
  }
}
