package io.tally.billing.account;

import io.tally.billing.api.BillingMode;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * An account. Its balance and held amount are written only by the ledger (plain SQL in the charge's
 * transaction), so this mapping reads them and never writes them.
 */
@Entity
@Table(name = "account")
public class Account {

  @Id private Long id;

  private String email;
  private String name;

  @Enumerated(EnumType.STRING)
  @Column(name = "billing_mode")
  private BillingMode billingMode;

  private String plan;

  @Column(name = "credit_limit")
  private BigDecimal creditLimit;

  @Column(updatable = false)
  private BigDecimal balance;

  @Column(updatable = false)
  private BigDecimal held;

  /** UTC. */
  @Column(name = "created_at")
  private LocalDateTime createdAt;

  protected Account() {}

  public long id() {
    return id;
  }

  public String email() {
    return email;
  }

  public String name() {
    return name;
  }

  public BillingMode billingMode() {
    return billingMode;
  }

  public String plan() {
    return plan;
  }

  public BigDecimal creditLimit() {
    return creditLimit;
  }

  public BigDecimal balance() {
    return balance;
  }

  /** What the account may spend now: its balance less open holds. */
  public BigDecimal available() {
    return balance.subtract(held);
  }

  public LocalDateTime createdAt() {
    return createdAt;
  }
}
