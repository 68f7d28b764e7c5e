package io.tally.billing.refund;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/** One stored refund, as {@link RefundStore} wrote it. Read-only here. */
@Entity
@Table(name = "refund")
public class Refund {

  @Id private Long id;

  @Column(name = "charge_id")
  private long chargeId;

  @Column(name = "account_id")
  private long accountId;

  private BigDecimal amount;

  /** What the request named; null when it asked for the rest of the charge. */
  private BigDecimal requested;

  private String reason;

  @Column(name = "idempotency_key")
  private String idempotencyKey;

  @Column(name = "balance_after")
  private BigDecimal balanceAfter;

  @Column(name = "created_by")
  private String createdBy;

  /** UTC. */
  @Column(name = "created_at")
  private LocalDateTime createdAt;

  protected Refund() {}

  public long id() {
    return id;
  }

  public long chargeId() {
    return chargeId;
  }

  public long accountId() {
    return accountId;
  }

  public BigDecimal amount() {
    return amount;
  }

  public BigDecimal requested() {
    return requested;
  }

  public String reason() {
    return reason;
  }

  public String idempotencyKey() {
    return idempotencyKey;
  }

  public BigDecimal balanceAfter() {
    return balanceAfter;
  }

  public String createdBy() {
    return createdBy;
  }

  public LocalDateTime createdAt() {
    return createdAt;
  }
}
