package io.tally.billing.ledger;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/** One immutable movement of money, as {@link LedgerWriter} wrote it. Read-only here. */
@Entity
@Table(name = "ledger_entry")
public class LedgerEntry {

  @Id private Long id;

  @Column(name = "account_id")
  private long accountId;

  private BigDecimal amount;
  private String kind;
  private String reference;

  @Column(name = "idempotency_key")
  private String idempotencyKey;

  @Column(name = "balance_after")
  private BigDecimal balanceAfter;

  @Column(name = "created_by")
  private String createdBy;

  /** UTC. */
  @Column(name = "created_at")
  private LocalDateTime createdAt;

  protected LedgerEntry() {}

  public long id() {
    return id;
  }

  public long accountId() {
    return accountId;
  }

  public BigDecimal amount() {
    return amount;
  }

  public String kind() {
    return kind;
  }

  public String reference() {
    return reference;
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
