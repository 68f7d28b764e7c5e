package io.tally.billing.usage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * A stored charge, read to answer a replayed requestId with the first answer, and by refunds. Only
 * {@code refunded} ever changes, and only by a refund's conditional UPDATE.
 */
@Entity
@Table(name = "charge")
public class Charge {

  @Id private Long id;

  @Column(name = "account_id")
  private long accountId;

  @Column(name = "request_id")
  private String requestId;

  @Column(name = "model_id")
  private String model;

  private String workflow;
  private BigDecimal amount;

  @Column(name = "balance_after")
  private BigDecimal balanceAfter;

  /** The line items as answered, JSON. */
  @Column(name = "line_items")
  private String lineItems;

  @Column(name = "authorization_id")
  private Long authorizationId;

  /** UTC. */
  @Column(name = "started_at")
  private LocalDateTime startedAt;

  /** UTC. */
  @Column(name = "created_at")
  private LocalDateTime createdAt;

  /** The digest of the event as sent (see {@link Fingerprint}); null on charges stored before. */
  private String fingerprint;

  /** What refunds have credited back of {@code amount} so far. */
  private BigDecimal refunded;

  /** How many of the event's calls failed; their waits, recorded and never billed. */
  @Column(name = "failed_calls")
  private int failedCalls;

  @Column(name = "queue_ms")
  private long queueMs;

  @Column(name = "cold_start_ms")
  private long coldStartMs;

  protected Charge() {}

  public long id() {
    return id;
  }

  public long accountId() {
    return accountId;
  }

  public String requestId() {
    return requestId;
  }

  public String model() {
    return model;
  }

  public String workflow() {
    return workflow;
  }

  public BigDecimal amount() {
    return amount;
  }

  public BigDecimal balanceAfter() {
    return balanceAfter;
  }

  public String lineItems() {
    return lineItems;
  }

  public Long authorizationId() {
    return authorizationId;
  }

  public LocalDateTime startedAt() {
    return startedAt;
  }

  public LocalDateTime createdAt() {
    return createdAt;
  }

  public String fingerprint() {
    return fingerprint;
  }

  public BigDecimal refunded() {
    return refunded;
  }

  public int failedCalls() {
    return failedCalls;
  }

  public long queueMs() {
    return queueMs;
  }

  public long coldStartMs() {
    return coldStartMs;
  }
}
